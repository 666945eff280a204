//! Layout and false-alarm tests for the performance rules: layouts other than the Jincheng
//! appendix (central 自评表 grids in 万元 with `%` rates, text layers with wrapped cells, the
//! Shanghai aggregate paragraph), each consistent (nothing above info) and broken once.

use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::recognise::perf::test_doc;
use crate::recognise::recognise;
use crate::rules::run;

fn perf_findings(text: &str) -> Vec<Finding> {
    let report = recognise(&test_doc(text));
    run(&report, &Config::default())
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("PERF-"))
        .collect()
}

fn serious(fs: &[Finding]) -> Vec<String> {
    fs.iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| {
            format!(
                "{} {:?} {}",
                f.rule,
                f.severity,
                crate::i18n::message(f, crate::Lang::Zh)
            )
        })
        .collect()
}

const CENTRAL: &str = "附件
项目支出绩效自评表
项目名称\t社区服务补助
主管部门\t示例区民政局\t实施单位\t示例区社区服务中心
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t100.00\t120.00\t108.00\t10\t{RATE}\t9
\t其中：当年财政拨款\t100.00\t120.00\t108.00\t—\t—\t—
\t上年结转资金\t\t\t\t—\t—\t—
\t其他资金\t\t\t\t—\t—\t—
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
\t产出指标\t数量指标\t服务人次\t≥1000人次\t1200人次\t30\t30\t
\t\t质量指标\t合格率\t100%\t98%\t20\t18\t
\t效益指标\t社会效益指标\t群众获得感\t提高\t提高\t30\t30\t
\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\t92%\t10\t10\t
总分\t\t\t\t\t\t100\t{TOTAL}\t
";

#[test]
fn central_grid_consistent() {
    let t = CENTRAL.replace("{RATE}", "90%").replace("{TOTAL}", "97");
    let fs = perf_findings(&t);
    assert!(serious(&fs).is_empty(), "{:#?}", serious(&fs));
}

#[test]
fn central_grid_broken_rate_and_total() {
    let t = CENTRAL.replace("{RATE}", "100%").replace("{TOTAL}", "98");
    let fs = perf_findings(&t);
    let codes: Vec<&str> = fs.iter().map(|f| f.rule).collect();
    assert!(codes.contains(&"PERF-RATE"), "{codes:?}");
    assert!(codes.contains(&"PERF-SCORES"), "{codes:?}");
}

/// A PDF-like text layer: space separated, a wrapped funds label, a wrapped reason, a header
/// repeated after a page break and a 小计 row.
const WRAPPED: &str = "第五部分 附件
项目支出绩效自评分析报告
项目名称：档案数字化
(一) 预算执行情况
资金来源 年初预算数 全年预算数(元) 全年执行数(元) 资金结(转)余(元) 执行率 得分
目标申报(元) 预算编制(元)
合计 200,000 200,000 200,000 180,000 20,000 90 9
市县区财政
资金 200,000 200,000 200,000 180,000 20,000
(二) 绩效指标完成情况
一级指标 二级指标 指标名称 年度指标 实际完成值 权重 得分 偏差原因分析及改进措施
年初指标 调整后指标
产出指标 数量指标 数字化卷数 5000 ≥5000 卷 5200 30 30
质量指标 合格率 98 ≥98% 99 20 20
小计 50 50
- 3 -
一级指标 二级指标 指标名称 年度指标 实际完成值 权重 得分 偏差原因分析及改进措施
效益指标 社会效益指标 查档效率 提高 提高 达成预期指标 30 25 部分档案仍需
人工调阅。
满意度指标 服务对象满意度指标 查档群众满意度 90 ≥90% 95 10 8
三、项目自评结果
1. 项目自评得分和结论
综合考虑预算执行情况得分 9 分，指标完成情况得分 83 分，最终评分结果：总得分 92 分，属于“优秀”。
3. 项目实施和预算执行情况分析
全年预算资金 20 万元，全年执行资金 18 万元，预算执行率 90%。
";

#[test]
fn wrapped_text_layer_consistent() {
    let report = recognise(&test_doc(WRAPPED));
    let p = &report.performance[0];
    assert_eq!(p.funds.len(), 2);
    assert_eq!(p.funds[1].label, "市县区财政资金");
    assert_eq!(p.indicators.len(), 4, "{:#?}", p.indicators);
    assert_eq!(
        p.indicators[2].reason.as_deref(),
        Some("部分档案仍需人工调阅。")
    );
    let fs = perf_findings(WRAPPED);
    assert!(serious(&fs).is_empty(), "{:#?}", serious(&fs));
}

#[test]
fn wrapped_text_layer_text_mismatch() {
    let t = WRAPPED.replace("全年预算资金 20 万元", "全年预算资金 30 万元");
    let fs = perf_findings(&t);
    let s = serious(&fs);
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(s[0].starts_with("PERF-TEXT Error"), "{s:#?}");
}

/// No unit printed on the funds block: amounts in 万元 agree with a text in 万元.
#[test]
fn unit_not_printed() {
    let t = "第五部分 附件
项目名称：设备维护
资金来源 年初预算数 全年预算数 全年执行数 执行率 得分
合计 10 10 9.5 95% 9.5
一级指标 二级指标 指标名称 年度指标值 实际完成值 分值 得分 偏差原因
产出指标 数量指标 维护台数 ≥40台 40台 50 50
效益指标 社会效益指标 设备完好率 提高 提高 30 28
满意度指标 服务对象满意度指标 满意度 ≥90% 92% 10 8
总得分 95.5 分，属于“优”。
全年预算资金 10 万元，全年执行资金 9.5 万元，预算执行率 95%。
";
    let fs = perf_findings(t);
    assert!(serious(&fs).is_empty(), "{:#?}", serious(&fs));
}

const SHANGHAI: &str = "示例区某局2024年度部门决算
第三部分 2024年度部门决算情况说明
十、预算绩效情况说明
根据预算绩效管理要求，本部门组织对2024年度项目开展了绩效自评。绩效自评的2024年度项目 12 个，涉及预算金额 1,234.56 万元，平均得分 91.5 分（其中，绩效评级为“优”的项目 {A} 个；“良”的项目 3 个；“合格”的项目 1 个；“不合格”的项目 0 个。
共发现问题 5 个，已经完成整改的 3 个，正在整改的 {B} 个）。
";

#[test]
fn shanghai_paragraph_consistent() {
    let t = SHANGHAI.replace("{A}", "8").replace("{B}", "2");
    let fs = perf_findings(&t);
    assert!(serious(&fs).is_empty(), "{:#?}", serious(&fs));
}

#[test]
fn shanghai_paragraph_counts_do_not_add_up() {
    let t = SHANGHAI.replace("{A}", "7").replace("{B}", "1");
    let fs = perf_findings(&t);
    let s = serious(&fs);
    assert!(
        s.iter().any(|x| x.starts_with("PERF-COUNTS Error")),
        "{s:#?}"
    );
    assert!(
        s.iter().any(|x| x.starts_with("PERF-COUNTS Warning")),
        "{s:#?}"
    );
}

/// A grade sentence about first-level projects (0 of them) next to appended second-level
/// projects: only the sum is checked.
#[test]
fn grade_counts_of_another_set_are_not_compared() {
    let t = "第三部分 情况说明
（四）预算绩效情况说明
本单位2022年度一级项目绩效自评个数0个，涉及资金0元：0个项目自评等级为“优”，0个项目自评等级为“良”，0个项目自评等级为“中”，0个项目自评等级为“差”。
第五部分 附件
项目名称：设备维护
资金来源 年初预算数 全年预算数 全年执行数 执行率 得分
合计 10 10 9.5 95% 9.5
总得分 95.5 分，属于“优”。
";
    let fs = perf_findings(t);
    assert!(serious(&fs).is_empty(), "{:#?}", serious(&fs));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    const TOKENS: &[&str] = &[
        "项目名称：",
        "项目名称\t",
        "资金来源",
        "年初预算数",
        "全年预算数(元)",
        "全年执行数",
        "资金结(转)余",
        "执行率",
        "得分",
        "分值",
        "权重",
        "目标申报",
        "预算编制",
        "合计",
        "其中：",
        "市县区财政资金",
        "一级指标",
        "二级指标",
        "指标名称",
        "年度指标",
        "年初指标",
        "调整后指标",
        "实际完成值",
        "偏差原因",
        "产出指标",
        "成本指标",
        "数量指标",
        "总分",
        "小计",
        "总得分",
        "属于",
        "“优”",
        "\"良\"",
        "“合格”",
        "个项目",
        "涉及资金",
        "全年预算资金",
        "全年执行资金",
        "预算执行率",
        "平均得分",
        "发现问题",
        "正在整改的",
        "绩效自评",
        "第五部分 附件",
        "第三部分 情况说明",
        "（四）预算绩效情况说明",
        "三、项目自评结果",
        "3. 预算执行情况分析",
        "600,000",
        "134,392",
        "0",
        "100",
        "10",
        "13.44",
        "22.4%",
        "95%",
        "—",
        "-",
        "≥",
        "万元",
        "元",
        "分",
        "个",
        "。",
        "，",
        "；",
        "：",
        " ",
        "  ",
        "\t",
        "\t\t",
        "\n",
        "\n\n",
        "（",
        "）",
        "1.",
        "十、",
        "12",
        "3",
        "9.5",
        "=",
        "%",
        "１２",
        "\u{3000}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn perf_recognition_and_rules(parts in prop::collection::vec(prop::sample::select(TOKENS), 0..300)) {
            let text: String = parts.concat();
            let report = recognise(&test_doc(&text));
            for p in &report.performance {
                for r in &p.funds {
                    prop_assert!(r.loc.line.is_some());
                }
            }
            let run = run(&report, &Config::default());
            for f in run.findings.iter().filter(|f| f.rule.starts_with("PERF-")) {
                for l in &f.locations {
                    if let (Some(t), Some((a, b))) = (&l.text, l.span) {
                        prop_assert!(a <= b && b <= t.len() && t.is_char_boundary(a) && t.is_char_boundary(b));
                    }
                }
                let _ = crate::i18n::message(f, crate::Lang::Zh);
                let _ = crate::i18n::message(f, crate::Lang::En);
            }
        }
    }
}

/// 预算执行率 scored as an indicator: the weights make 100 without a separate execution
/// weight, and the total is the indicators' sum.
#[test]
fn execution_rate_among_indicators() {
    let t = "第五部分 附件
项目名称：设备维护
资金来源 年初预算数 全年预算数(元) 全年执行数(元) 执行率 得分
合计 100,000 100,000 95,000 95 9.5
一级指标 二级指标 指标名称 年度指标值 实际完成值 权重 得分 偏差原因
产出指标 数量指标 维护台数 ≥40台 40台 50 50
成本指标 经济成本指标 预算执行率 100% 95% 10 9.5
效益指标 社会效益指标 设备完好率 提高 提高 30 28
满意度指标 服务对象满意度指标 满意度 ≥90% 92% 10 8
综合考虑各方面因素，总得分 95.5 分，属于“优”。
";
    let fs = perf_findings(t);
    assert!(serious(&fs).is_empty(), "{:#?}", serious(&fs));
}
