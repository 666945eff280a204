//! Every string of the interface, in Chinese and English, in one table keyed by id.
//!
//! Findings, rule titles and rule guidance come from the core in the reader's language; this table
//! holds the words of the screen around them. Templates use `{name}` placeholders, filled by
//! [`fill`].

use hezhang_core::{Lang, Severity};

/// A string of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    AppName,
    AppSubtitle,
    Intro,
    DocTitle,
    Loading,
    InputLabel,
    InputHint,
    InputPlaceholder,
    ChooseFile,
    Check,
    Clear,
    Sample,
    SampleLoading,
    Privacy,
    DropHere,
    ReadingFile,
    FileLoaded,
    PastedText,
    Language,
    Export,
    ExportJson,
    ExportCsv,
    Print,
    ResultsHeading,
    VerdictHeading,
    FindingsHeading,
    TablesHeading,
    NarrativeHeading,
    Filter,
    Prev,
    Next,
    BackToList,
    NoFindings,
    NoFindingsFiltered,
    NotRunHeading,
    NotRunNone,
    CountsCaption,
    Family,
    Total,
    ChecksLine,
    Stated,
    Computed,
    Difference,
    Tolerance,
    Locations,
    Role,
    RoleStated,
    RoleComponent,
    RoleRestated,
    Row,
    Column,
    Value,
    Line,
    Page,
    Table,
    Text,
    WhyMatters,
    DocWhat,
    DocWhy,
    DocExample,
    DocTolerance,
    DocNotApplicable,
    ShowAllRows,
    ShowFewerRows,
    ShowTable,
    HideTable,
    TableNoData,
    RowsHidden,
    FindingOf,
    Rule,
    UnitLabel,
    YearSuffix,
    SourceFile,
    Sha256,
    PrintedBy,
    PrintedOn,
    PanicMessage,
    ReadingPage,
    ReadingSheet,
    Cancel,
    NoTextLayerPages,
    PdfEncrypted,
    FileDamaged,
    NotPdfOrWorkbook,
    WorkerCrashed,
    WorkerTimedOut,
    Place,
    PlaceLine,
    PlacePage,
    PlaceSheet,
    ReadFailed,
    SampleFailed,
    NotUtf8,
    CellMarkStated,
    CellMarkComponent,
    Notes,
    VerdictErrorsWarnings,
    VerdictErrors,
    VerdictWarnings,
    VerdictClean,
    VerdictRun,
    VerdictRunNa,
    VerdictNothingRun,
    KeyboardHint,
    Skip,
    SourceAddress,
    Sha256File,
    Sha256Text,
    PrintTitle,
    OtherOrigin,
    FetchFailed,
    NetworkError,
    NoSource,
    BadTextLink,
    Share,
    ShareLink,
    EmbedCode,
    ParentScript,
    EmbedHint,
    Copy,
    Copied,
    CopyFailed,
    ShareNoUrl,
    TextLinkOptIn,
    TextLinkLabel,
    TextLinkTooLarge,
    TextLinkUnavailable,
    OpenInApp,
    EmbedTitle,
    EmbedMain,
}

impl T {
    /// (中文, English).
    pub const fn pair(self) -> (&'static str, &'static str) {
        use T::*;
        match self {
            AppName => ("核账", "HeZhang"),
            AppSubtitle => ("决算公开核对", "Final-accounts checker"),
            Intro => (
                "核账核对部门决算公开中的数字是否相符：合计与分项、表与表、说明文字与表格。它只指出数字之间的不一致，不判断原因。",
                "HeZhang checks that the figures of a department's published final accounts agree: totals with their parts, tables with each other, and the narrative with the tables. It points out inconsistencies between figures; it does not judge their cause.",
            ),
            DocTitle => ("核账 · 决算公开核对", "HeZhang · final-accounts checker"),
            Loading => ("正在加载核对程序…", "Loading the checker…"),
            InputLabel => ("决算公开的文字", "Text of the final-accounts report"),
            InputHint => (
                "把决算公开的文字粘贴到这里，或把文件（PDF、Excel、CSV 或文本）拖到页面任意位置",
                "Paste the text of the report here, or drop a file (PDF, Excel, CSV or text) anywhere on the page",
            ),
            InputPlaceholder => (
                "例如：部门决算公开相关信息统计表 … 合计 1 75425.00 …",
                "For example: 部门决算公开相关信息统计表 … 合计 1 75425.00 …",
            ),
            ChooseFile => ("选择文件", "Choose file"),
            Check => ("核对", "Check"),
            Clear => ("清空", "Clear"),
            Sample => ("示例报告", "Sample report"),
            SampleLoading => ("正在载入示例报告…", "Loading the sample report…"),
            Privacy => (
                "文件只在本机处理，不会上传。",
                "Files are processed on this device and never uploaded.",
            ),
            DropHere => ("松开即可读取文件", "Drop the file to read it"),
            ReadingFile => ("正在读取 {name}…", "Reading {name}…"),
            FileLoaded => ("已读取 {name}", "Read {name}"),
            PastedText => ("粘贴的文字", "pasted text"),
            Language => ("语言", "Language"),
            Export => ("导出", "Export"),
            ExportJson => ("导出 JSON", "Export JSON"),
            ExportCsv => ("导出 CSV", "Export CSV"),
            Print => ("打印", "Print"),
            ResultsHeading => ("核对结果", "Results"),
            VerdictHeading => ("结论", "Verdict"),
            FindingsHeading => ("问题", "Findings"),
            TablesHeading => ("报表", "Tables"),
            NarrativeHeading => ("说明文字", "Narrative"),
            Filter => ("按类别筛选", "Filter by severity"),
            Prev => ("上一个", "Previous"),
            Next => ("下一个", "Next"),
            BackToList => ("返回问题列表", "Back to the list"),
            NoFindings => ("没有发现需要列出的问题。", "Nothing to list."),
            NoFindingsFiltered => (
                "当前筛选下没有问题。",
                "No findings match the filter.",
            ),
            NotRunHeading => ("未核对", "Not checked"),
            NotRunNone => ("所有检查都已运行。", "Every check ran."),
            CountsCaption => ("问题按类别和严重程度统计", "Findings by family and severity"),
            Family => ("类别", "Family"),
            Total => ("合计", "Total"),
            ChecksLine => (
                "核对 {run} 项：通过 {passed} 项，不符 {failed} 项；{na} 项未核对。",
                "{run} checks ran: {passed} passed, {failed} failed; {na} not run.",
            ),
            Stated => ("表中数", "Stated"),
            Computed => ("计算数", "Computed"),
            Difference => ("差额", "Difference"),
            Tolerance => ("容差", "Tolerance"),
            Locations => ("涉及位置", "Where"),
            Role => ("作用", "Role"),
            RoleStated => ("所列数", "stated"),
            RoleComponent => ("分项", "component"),
            RoleRestated => ("重述", "restated"),
            Row => ("行", "Row"),
            Column => ("列", "Column"),
            Value => ("数值", "Value"),
            Line => ("行号", "Line"),
            Page => ("页", "Page"),
            Table => ("表", "Table"),
            Text => ("文字", "Text"),
            WhyMatters => ("为什么重要", "Why it matters"),
            DocWhat => ("检查内容", "What it checks"),
            DocWhy => ("为何重要", "Why it matters"),
            DocExample => ("示例", "Example"),
            DocTolerance => ("容差", "Tolerance"),
            DocNotApplicable => ("不适用情形", "When it does not run"),
            ShowAllRows => ("显示全部 {n} 行", "Show all {n} rows"),
            ShowFewerRows => ("只显示有问题的行", "Show only rows with findings"),
            ShowTable => ("显示表格（{n} 行）", "Show table ({n} rows)"),
            HideTable => ("收起表格", "Hide table"),
            TableNoData => ("本表注明无数据。", "The table states it has no data."),
            RowsHidden => ("（省略 {n} 行）", "({n} rows hidden)"),
            FindingOf => ("第 {i} / {n} 个问题", "Finding {i} of {n}"),
            Rule => ("规则", "Rule"),
            UnitLabel => ("单位：{unit}", "Unit: {unit}"),
            YearSuffix => ("{year}年度", "{year}"),
            SourceFile => ("文件", "File"),
            Sha256 => ("SHA-256", "SHA-256"),
            PrintedBy => ("核账 {version}", "HeZhang {version}"),
            PrintedOn => ("打印日期", "Printed on"),
            PanicMessage => (
                "核对程序出错，已停止运行。请刷新页面后重试；已粘贴的文字需要重新粘贴。",
                "The checker hit an internal error and stopped. Reload the page and try again; pasted text must be pasted again.",
            ),
            ReadingPage => ("正在读取第 {i}/{n} 页…", "Reading page {i} of {n}…"),
            ReadingSheet => (
                "正在读取第 {i}/{n} 张工作表…",
                "Reading sheet {i} of {n}…",
            ),
            Cancel => ("取消", "Cancel"),
            NoTextLayerPages => (
                "这份PDF没有可读取的文字层（第 {pages} 页，可能是扫描件），无法核对。",
                "This PDF has no readable text layer ({pages}; it may be a scan) and cannot be checked.",
            ),
            PdfEncrypted => (
                "这份PDF已加密，需要密码才能打开，无法核对。",
                "This PDF is encrypted (it needs a password to open) and cannot be checked.",
            ),
            FileDamaged => (
                "这份文件无法读取（{name}）：文件可能已损坏。",
                "This file could not be read ({name}): it may be damaged.",
            ),
            NotPdfOrWorkbook => (
                "这份文件无法读取（{name}）：它不是 PDF 或 Excel 工作簿。",
                "This file could not be read ({name}): it is not a PDF or an Excel workbook.",
            ),
            WorkerCrashed => (
                "这份文件无法读取（{name}）：读取程序意外停止。页面仍可使用，可以重试或换一份文件。",
                "This file could not be read ({name}): the reader stopped unexpectedly. The page still works: try again, or try another file.",
            ),
            WorkerTimedOut => (
                "这份文件无法读取（{name}）：{s} 秒内没有读完，已停止读取。",
                "This file could not be read ({name}): reading did not finish within {s} seconds and was stopped.",
            ),
            Place => ("位置", "Place"),
            PlaceLine => ("第 {n} 行", "line {n}"),
            PlacePage => ("第 {n} 页", "page {n}"),
            PlaceSheet => ("工作表 {sheet} · {cell}", "sheet {sheet} · {cell}"),
            ReadFailed => ("无法读取文件 {name}。", "The file {name} could not be read."),
            SampleFailed => (
                "示例报告未能载入，请刷新页面后重试。",
                "The sample report could not be loaded. Reload the page and try again.",
            ),
            NotUtf8 => (
                "该文件不是 UTF-8 编码，已按 GB18030 读取。",
                "The file is not UTF-8; it was read as GB18030.",
            ),
            CellMarkStated => ("所列数", "stated figure"),
            CellMarkComponent => ("分项", "component"),
            Notes => ("识别说明", "Recognition notes"),
            VerdictErrorsWarnings => (
                "发现 {e} 处错误、{w} 处需核实。",
                "Found {e} {errors} and {w} {items} to check.",
            ),
            VerdictErrors => ("发现 {e} 处错误。", "Found {e} {errors}."),
            VerdictWarnings => ("发现 {w} 处需核实。", "Found {w} {items} to check."),
            VerdictClean => ("未发现错误。", "No errors found."),
            VerdictRun => ("共核对 {run} 项。", "{run} {checks} ran."),
            VerdictRunNa => (
                "共核对 {run} 项，{na} 项因缺少数据未核对。",
                "{run} {checks} ran; {na} could not run for lack of data.",
            ),
            VerdictNothingRun => (
                "没有核对任何项目：{na} 项因缺少数据未核对。",
                "No check could run: {na} lacked the data they need.",
            ),
            KeyboardHint => (
                "键盘：← / → 上一个 / 下一个问题，Esc 返回问题列表。",
                "Keyboard: ← / → previous / next finding, Esc back to the list.",
            ),
            Skip => ("跳到核对结果", "Skip to the results"),
            SourceAddress => ("网址", "Address"),
            Sha256File => ("文件 SHA-256", "File SHA-256"),
            Sha256Text => ("文字 SHA-256（UTF-8）", "Text SHA-256 (UTF-8)"),
            PrintTitle => ("核账核对报告", "HeZhang check report"),
            OtherOrigin => (
                "只能打开本站的报告文件：{url} 不在本站（或不是网址），未读取。",
                "Only report files on this site can be opened: {url} is on another site (or is not a web address) and was not fetched.",
            ),
            FetchFailed => (
                "无法取得报告文件 {url}（{status}）。请确认文件在本站且网址无误。",
                "The report file {url} could not be fetched ({status}). Check that it is on this site and the address is right.",
            ),
            NetworkError => ("网络错误", "network error"),
            NoSource => (
                "嵌入页面缺少报告文件：请使用 embed.html?src=报告文件网址。",
                "The embed page names no report: use embed.html?src=<address of the report file>.",
            ),
            BadTextLink => (
                "链接中的报告文字无法解开，链接可能不完整。",
                "The report text in this link could not be unpacked; the link may be cut short.",
            ),
            Share => ("分享与嵌入", "Share and embed"),
            ShareLink => (
                "链接：打开同一份报告和所选问题",
                "Link: opens this report with the chosen finding",
            ),
            EmbedCode => (
                "嵌入代码：放进文章的 iframe，固定高度即可使用",
                "Embed code: an iframe for an article; works at a fixed height",
            ),
            ParentScript => (
                "可选脚本：放在 iframe 之后，让它随内容调整高度",
                "Optional script: put it after the iframe to let it take its content's height",
            ),
            EmbedHint => (
                "报告文件须与核账放在同一网站。先在问题列表中选一个问题，链接和嵌入代码就会指向它。",
                "The report file must be on the same site as HeZhang. Choose a finding in the list first and the link and the embed code point to it.",
            ),
            Copy => ("复制", "Copy"),
            Copied => ("已复制", "Copied"),
            CopyFailed => ("无法复制，请手动选中复制", "Could not copy; select the text and copy it"),
            ShareNoUrl => (
                "这份报告来自粘贴的文字或本机文件，没有网址，链接无法重新打开它。可以导出问题（JSON / CSV）或打印核对报告；要嵌入文章，请把报告文件放到本站，用 index.html?src=文件网址 打开后再分享。",
                "This report came from pasted text or a file on this device: it has no address, so a link cannot reopen it. Export the findings (JSON / CSV) or print the check report; to embed it in an article, put the report file on this site, open it with index.html?src=<file address> and share from there.",
            ),
            TextLinkOptIn => (
                "把报告文字压缩后放进链接（在 # 之后，不会发送到任何服务器）",
                "Put the report's text in the link, compressed (after the #, never sent to any server)",
            ),
            TextLinkLabel => ("含报告文字的链接", "Link with the report's text"),
            TextLinkTooLarge => (
                "报告文字太大：压缩后仍有 {n} 个字符，超过链接上限 {max}，无法放进链接。请导出问题或打印。",
                "The report's text is too large: compressed it is still {n} characters, over the {max}-character limit for a link. Export the findings or print instead.",
            ),
            TextLinkUnavailable => (
                "此浏览器不能压缩文字，无法生成链接。",
                "This browser cannot compress text, so no link can be made.",
            ),
            OpenInApp => ("在核账中查看完整核对", "See the full check in HeZhang"),
            EmbedTitle => ("核账核对结果：{name}", "HeZhang check: {name}"),
            EmbedMain => ("主要问题", "Main findings"),
        }
    }

    /// The string in `lang`.
    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.pair().0,
            Lang::En => self.pair().1,
        }
    }
}

/// The severity word (always shown with its icon, never colour alone).
pub fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "需核实",
        (Severity::Info, Lang::Zh) => "提示",
        (Severity::Error, Lang::En) => "Error",
        (Severity::Warning, Lang::En) => "Check",
        (Severity::Info, Lang::En) => "Note",
    }
}

/// The severity icon.
pub fn severity_icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warning => "⚠",
        Severity::Info => "ⓘ",
    }
}

/// The CSS class name part of a severity.
pub fn severity_class(s: Severity) -> &'static str {
    s.as_str()
}

/// A rule family's name. Unknown families are shown as they are.
pub fn family_name(family: &str, lang: Lang) -> String {
    let (zh, en) = match family {
        "summary" => ("总表", "Summary tables"),
        "table" => ("表内关系", "Within a table"),
        "econ" => ("经济分类", "Economic classification"),
        "three_public" => ("“三公”经费", "“Three public” spending"),
        "procurement" => ("政府采购", "Government procurement"),
        "vehicles" => ("车辆", "Vehicles"),
        "cross" => ("表间一致", "Across tables"),
        "narrative" => ("说明文字", "Narrative"),
        "perf" => ("绩效评价", "Performance"),
        "" => ("其他", "Other"),
        other => return other.to_string(),
    };
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// A money unit as the report prints it (元, 万元 …), in `lang`.
pub fn unit_name(unit: &str, lang: Lang) -> String {
    let en = match unit {
        "元" => "yuan",
        "千元" => "thousand yuan",
        "万元" => "10,000 yuan",
        "百万元" => "million yuan",
        "亿元" => "100 million yuan",
        other => other,
    };
    match lang {
        Lang::Zh => unit.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The language's own name, for the switch.
pub fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "中文",
        Lang::En => "English",
    }
}

/// The BCP 47 tag, for `<html lang>`.
pub fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

/// Fill `{name}` placeholders; unknown names stay as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    hezhang_core::i18n::fill_with(template, |name| {
        args.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    })
}

/// `t(id, lang)` filled with `args`.
pub fn tf(id: T, lang: Lang, args: &[(&str, &str)]) -> String {
    fill(id.get(lang), args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_names_only() {
        assert_eq!(fill("{a}+{b}={c}", &[("a", "1"), ("b", "2")]), "1+2={c}");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("open { only", &[]), "open { only");
    }

    #[test]
    fn every_string_has_both_languages() {
        use T::*;
        // A representative walk over the table: no empty entries, zh and en differ where words do.
        for id in [
            AppName,
            Check,
            Clear,
            Sample,
            Privacy,
            WhyMatters,
            PanicMessage,
            ReadingPage,
            NoTextLayerPages,
            PdfEncrypted,
            WorkerCrashed,
            WorkerTimedOut,
            PlacePage,
        ] {
            let (zh, en) = id.pair();
            assert!(!zh.is_empty() && !en.is_empty(), "{id:?}");
            assert_ne!(zh, en, "{id:?}");
        }
    }

    #[test]
    fn severities_have_icon_and_word() {
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            assert!(!severity_icon(s).is_empty());
            assert!(!severity_word(s, Lang::Zh).is_empty());
            assert!(!severity_word(s, Lang::En).is_empty());
        }
    }
}
