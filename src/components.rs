//! The page's components, one file each. Only [`Header`] and [`InputPanel`] read the app
//! context; the result panes take explicit props (compared by pointer), so typing in the text
//! box does not re-render the results.

mod embed_view;
mod finding_detail;
mod findings_pane;
mod header;
mod input_panel;
mod print_view;
mod report_table;
mod rule_doc;
mod share_panel;
mod summary;
mod tables_pane;

pub use embed_view::EmbedView;
pub use finding_detail::FindingDetail;
pub use findings_pane::FindingsPane;
pub use header::Header;
pub use input_panel::InputPanel;
pub use print_view::PrintView;
pub use report_table::ReportTable;
pub use rule_doc::RuleDoc;
pub use share_panel::SharePanel;
pub use summary::Summary;
pub use tables_pane::TablesPane;

use hezhang_core::Severity;
use yew::prelude::*;

use crate::i18n::{severity_class, severity_icon, severity_word};

/// A severity shown as icon and word (never colour alone).
#[derive(Properties, PartialEq)]
pub struct SevBadgeProps {
    pub severity: Severity,
    pub lang: hezhang_core::Lang,
}

#[component]
pub fn SevBadge(p: &SevBadgeProps) -> Html {
    html! {
        <span class={classes!("sev", severity_class(p.severity))}>
            <span class="sev-icon" aria-hidden="true">{ severity_icon(p.severity) }</span>
            <span class="sev-word">{ severity_word(p.severity, p.lang) }</span>
        </span>
    }
}
