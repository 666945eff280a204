//! Table families we have no real report of: the central 9-table set and the older 8-table
//! set (domain guide §1.2), with the 三公 variants (会议费/培训费 columns, items as rows).
//!
//! The reports are generated here, as pasted text (tab-separated cells, like the Shanxi seed),
//! from one set of accounts that satisfies every identity of domain guide §2. Each test checks
//! that the family and every table's slot are recognised, that the report passes its own
//! identities (no error or warning), and that changing one cell of a copy gives a finding at
//! that cell (rule code and location).
//!
//! The generated texts are also committed as `tests/families/<family>.txt` for reading and for
//! `hezhang dump`; `UPDATE_FAMILIES=1 cargo test -p hezhang-ingest --test families` rewrites them.

use std::path::{Path, PathBuf};

use hezhang_core::finding::Severity;
use hezhang_core::{CheckOutput, Lang, Options};

#[derive(Clone, Copy, PartialEq, Debug)]
enum Family {
    /// 中央部门: 表1–表9, 万元, T6 基本支出决算明细表, T9 支出 only.
    Central9,
    /// 2016-style: 8 tables, no 国有资本经营 table, 三公 last (after 政府性基金).
    Legacy8,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum ThreePublic {
    /// 预算数 and 决算数 groups over the six item columns.
    Columns,
    /// The same, plus 会议费 and 培训费 columns (not part of 合计).
    ColumnsWithMeetings,
    /// One row per item, columns 预算数 | 决算数.
    Rows,
}

const ENTITY: &str = "国家示范管理局";

/// One line of a table: cells joined by tabs.
fn row(cells: &[&str]) -> String {
    cells.join("\t")
}

struct Doc {
    out: Vec<String>,
    year: i32,
}

impl Doc {
    fn line(&mut self, s: impl Into<String>) {
        self.out.push(s.into());
    }
    fn blank(&mut self) {
        self.out.push(String::new());
    }
    /// Title, number tag, entity, year and unit lines, as central reports print them.
    fn head(&mut self, no: usize, title: &str) {
        self.blank();
        self.line(title);
        self.line(format!("表{no}"));
        self.line(format!("部门名称：{ENTITY}"));
        self.line(format!("{}年度", self.year));
        self.line("单位：万元");
    }
}

/// The accounts of the synthetic unit. All figures in 万元, two decimals; every identity of
/// domain guide §2.1–2.3 holds exactly.
struct Accounts {
    /// Function-classification 项 lines: (类, 类 name, 款, 款 name, 项, 项 name,
    /// general basic, general project, other-income project, gov-fund project, state-capital project)
    items: Vec<Item>,
}

#[derive(Clone)]
struct Item {
    class: (&'static str, &'static str),
    kuan: (&'static str, &'static str),
    xiang: (&'static str, &'static str),
    /// 一般公共预算 basic, 一般公共预算 project, 其他收入 project, 政府性基金 project,
    /// 国有资本经营 project — in 0.01 万元.
    general_basic: i64,
    general_project: i64,
    other_project: i64,
    fund_project: i64,
    capital_project: i64,
}

impl Item {
    fn general(&self) -> i64 {
        self.general_basic + self.general_project
    }
    fn basic(&self) -> i64 {
        self.general_basic
    }
    fn project(&self) -> i64 {
        self.general_project + self.other_project + self.fund_project + self.capital_project
    }
    fn total(&self) -> i64 {
        self.basic() + self.project()
    }
    fn fiscal(&self) -> i64 {
        self.general() + self.fund_project + self.capital_project
    }
}

/// 0.01 万元 → "1,234.56"; zero → blank (central tables leave zero cells empty).
fn money(v: i64) -> String {
    if v == 0 {
        return String::new();
    }
    let s = format!("{}.{:02}", v / 100, v % 100);
    let (int, frac) = s.split_once('.').unwrap();
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{frac}")
}

fn accounts(family: Family) -> Accounts {
    let it = |class, kuan, xiang, gb, gp, op, fp, cp| Item {
        class,
        kuan,
        xiang,
        general_basic: gb,
        general_project: gp,
        other_project: op,
        fund_project: fp,
        capital_project: cp,
    };
    let health = if family == Family::Legacy8 {
        ("210", "医疗卫生与计划生育支出")
    } else {
        ("210", "卫生健康支出")
    };
    let mut items = vec![
        it(
            ("201", "一般公共服务支出"),
            ("20106", "财政事务"),
            ("2010601", "行政运行"),
            51464,
            0,
            0,
            0,
            0,
        ),
        it(
            ("201", "一般公共服务支出"),
            ("20106", "财政事务"),
            ("2010602", "一般行政管理事务"),
            0,
            12050,
            976,
            0,
            0,
        ),
        it(
            ("208", "社会保障和就业支出"),
            ("20805", "行政事业单位养老支出"),
            ("2080505", "机关事业单位基本养老保险缴费支出"),
            6120,
            0,
            0,
            0,
            0,
        ),
        it(
            ("208", "社会保障和就业支出"),
            ("20805", "行政事业单位养老支出"),
            ("2080506", "机关事业单位职业年金缴费支出"),
            2448,
            0,
            0,
            0,
            0,
        ),
        it(
            health,
            ("21011", "行政事业单位医疗"),
            ("2101101", "行政单位医疗"),
            3060,
            0,
            0,
            0,
            0,
        ),
    ];
    if family == Family::Legacy8 {
        items.push(it(
            ("212", "城乡社区支出"),
            ("21208", "国有土地使用权出让收入安排的支出"),
            ("2120899", "其他国有土地使用权出让收入安排的支出"),
            0,
            0,
            0,
            2000,
            0,
        ));
    }
    items.push(it(
        ("221", "住房保障支出"),
        ("22102", "住房改革支出"),
        ("2210201", "住房公积金"),
        4012,
        0,
        0,
        0,
        0,
    ));
    if family == Family::Central9 {
        items.push(it(
            ("223", "国有资本经营预算支出"),
            ("22301", "解决历史遗留问题及改革成本支出"),
            ("2230105", "国有企业退休人员社会化管理补助支出"),
            0,
            0,
            0,
            0,
            1500,
        ));
    }
    Accounts { items }
}

impl Accounts {
    fn sum(&self, f: impl Fn(&Item) -> i64) -> i64 {
        self.items.iter().map(f).sum()
    }
    /// Rows 合计, 类, 款, 项 with values computed by `cols` over the items under each node;
    /// nodes whose every value is zero are left out (non-zero lines only, §1.3).
    fn coded_rows(&self, cols: &[&dyn Fn(&Item) -> i64]) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let vals = |pred: &dyn Fn(&Item) -> bool| -> Vec<i64> {
            cols.iter()
                .map(|c| self.items.iter().filter(|i| pred(i)).map(c).sum())
                .collect()
        };
        let push = |out: &mut Vec<Vec<String>>, code: &str, name: &str, v: Vec<i64>| {
            if v.iter().all(|x| *x == 0) {
                return;
            }
            let mut r = vec![code.to_string(), name.to_string()];
            r.extend(v.into_iter().map(money));
            out.push(r);
        };
        push(&mut out, "合计", "", vals(&|_| true));
        let mut seen_class = Vec::new();
        let mut seen_kuan = Vec::new();
        for it in &self.items {
            if !seen_class.contains(&it.class.0) {
                seen_class.push(it.class.0);
                let c = it.class.0;
                push(&mut out, c, it.class.1, vals(&|i| i.class.0 == c));
            }
            if !seen_kuan.contains(&it.kuan.0) {
                seen_kuan.push(it.kuan.0);
                let k = it.kuan.0;
                push(&mut out, k, it.kuan.1, vals(&|i| i.kuan.0 == k));
            }
            let x = it.xiang.0;
            push(&mut out, x, it.xiang.1, vals(&|i| i.xiang.0 == x));
        }
        out
    }
    fn class_total(&self, class: &str, f: impl Fn(&Item) -> i64) -> i64 {
        self.items
            .iter()
            .filter(|i| i.class.0 == class)
            .map(f)
            .sum()
    }
}

/// 类 lines printed in T1 and T4 (a subset of the full list, blanks included).
fn class_lines(family: Family) -> Vec<(&'static str, &'static str)> {
    let mut v = vec![
        ("201", "一、一般公共服务支出"),
        ("202", "二、外交支出"),
        ("203", "三、国防支出"),
        ("204", "四、公共安全支出"),
        ("205", "五、教育支出"),
        ("206", "六、科学技术支出"),
        ("207", "七、文化旅游体育与传媒支出"),
        ("208", "八、社会保障和就业支出"),
    ];
    if family == Family::Legacy8 {
        v[6] = ("207", "七、文化体育与传媒支出");
        v.push(("210", "九、医疗卫生与计划生育支出"));
    } else {
        v.push(("210", "九、卫生健康支出"));
    }
    v.push(("211", "十、节能环保支出"));
    v.push(("212", "十一、城乡社区支出"));
    v.push(("221", "十二、住房保障支出"));
    if family == Family::Central9 {
        v.push(("223", "十三、国有资本经营预算支出"));
    }
    v
}

/// The two-panel tables T1 and T4: income lines on the left, expenditure on the right.
fn panels(doc: &mut Doc, left: Vec<(String, String)>, right: Vec<Vec<String>>, header: &[&str]) {
    for h in header {
        doc.line(*h);
    }
    let n = left.len().max(right.len());
    for i in 0..n {
        let (l, lv) = left.get(i).cloned().unwrap_or_default();
        let r = right.get(i).cloned().unwrap_or_default();
        let mut cells = vec![l, lv];
        cells.extend(r);
        let refs: Vec<&str> = cells.iter().map(|s| s.as_str()).collect();
        doc.line(row(&refs));
    }
}

fn generate(family: Family, tp: ThreePublic) -> String {
    let year = if family == Family::Legacy8 {
        2016
    } else {
        2023
    };
    let mut doc = Doc {
        out: Vec::new(),
        year,
    };
    let a = accounts(family);
    doc.line(ENTITY);
    doc.line(format!("{year}年度部门决算"));
    doc.blank();
    doc.line(format!("第二部分 {year}年度部门决算表"));

    // ---- 表1 收入支出决算总表
    doc.head(1, "收入支出决算总表");
    let general = a.sum(|i| i.general());
    let fund = a.sum(|i| i.fund_project);
    let capital = a.sum(|i| i.capital_project);
    let other = a.sum(|i| i.other_project);
    let total = a.sum(|i| i.total());
    let mut left: Vec<(String, String)> = vec![
        ("一、一般公共预算财政拨款收入".into(), money(general)),
        ("二、政府性基金预算财政拨款收入".into(), money(fund)),
    ];
    if family == Family::Central9 {
        left.push(("三、国有资本经营预算财政拨款收入".into(), money(capital)));
    }
    let mut n = left.len();
    for name in ["上级补助收入", "事业收入", "经营收入", "附属单位上缴收入"] {
        n += 1;
        left.push((format!("{}、{name}", cn(n)), String::new()));
    }
    n += 1;
    left.push((format!("{}、其他收入", cn(n)), money(other)));
    let classes = class_lines(family);
    while left.len() < classes.len() {
        left.push((String::new(), String::new()));
    }
    left.push(("本年收入合计".into(), money(total)));
    left.push(("使用非财政拨款结余".into(), String::new()));
    left.push(("年初结转和结余".into(), String::new()));
    left.push(("总计".into(), money(total)));
    let mut right: Vec<Vec<String>> = classes
        .iter()
        .map(|(c, name)| vec![name.to_string(), money(a.class_total(c, |i| i.total()))])
        .collect();
    while right.len() < left.len() - 4 {
        right.push(vec![String::new(), String::new()]);
    }
    right.push(vec!["本年支出合计".into(), money(total)]);
    right.push(vec!["结余分配".into(), String::new()]);
    right.push(vec!["年末结转和结余".into(), String::new()]);
    right.push(vec!["总计".into(), money(total)]);
    panels(
        &mut doc,
        left,
        right,
        &["收入\t\t支出\t", "项目\t决算数\t项目\t决算数"],
    );

    // ---- 表2 收入决算表
    doc.head(2, "收入决算表");
    doc.line(row(&[
        "项目",
        "",
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ]));
    doc.line(row(&[
        "功能分类科目编码",
        "科目名称",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]));
    let zero = |_: &Item| 0i64;
    for r in a.coded_rows(&[
        &|i: &Item| i.total(),
        &|i: &Item| i.fiscal(),
        &zero,
        &zero,
        &zero,
        &zero,
        &|i: &Item| i.other_project,
    ]) {
        doc.line(r.join("\t"));
    }

    // ---- 表3 支出决算表
    doc.head(3, "支出决算表");
    doc.line(row(&[
        "项目",
        "",
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ]));
    doc.line(row(&[
        "功能分类科目编码",
        "科目名称",
        "",
        "",
        "",
        "",
        "",
        "",
    ]));
    for r in a.coded_rows(&[
        &|i: &Item| i.total(),
        &|i: &Item| i.basic(),
        &|i: &Item| i.project(),
        &zero,
        &zero,
        &zero,
    ]) {
        doc.line(r.join("\t"));
    }

    // ---- 表4 财政拨款收入支出决算总表
    doc.head(4, "财政拨款收入支出决算总表");
    let fiscal = general + fund + capital;
    let mut left: Vec<(String, String)> = vec![
        ("一、一般公共预算财政拨款".into(), money(general)),
        ("二、政府性基金预算财政拨款".into(), money(fund)),
        ("三、国有资本经营预算财政拨款".into(), money(capital)),
    ];
    while left.len() < classes.len() {
        left.push((String::new(), String::new()));
    }
    left.push(("本年收入合计".into(), money(fiscal)));
    left.push(("年初财政拨款结转和结余".into(), String::new()));
    left.push(("一般公共预算财政拨款".into(), String::new()));
    left.push(("政府性基金预算财政拨款".into(), String::new()));
    left.push(("国有资本经营预算财政拨款".into(), String::new()));
    left.push(("收入总计".into(), money(fiscal)));
    let mut right: Vec<Vec<String>> = classes
        .iter()
        .map(|(c, name)| {
            vec![
                name.to_string(),
                money(a.class_total(c, |i| i.fiscal())),
                money(a.class_total(c, |i| i.general())),
                money(a.class_total(c, |i| i.fund_project)),
                money(a.class_total(c, |i| i.capital_project)),
            ]
        })
        .collect();
    while right.len() < classes.len() {
        right.push(vec![String::new(); 5]);
    }
    let blank5 = |name: &str| vec![name.to_string(), "".into(), "".into(), "".into(), "".into()];
    right.push(vec![
        "本年支出合计".into(),
        money(fiscal),
        money(general),
        money(fund),
        money(capital),
    ]);
    right.push(blank5("年末财政拨款结转和结余"));
    right.push(blank5(""));
    right.push(blank5(""));
    right.push(blank5(""));
    right.push(vec![
        "总计".into(),
        money(fiscal),
        money(general),
        money(fund),
        money(capital),
    ]);
    panels(
        &mut doc,
        left,
        right,
        &[
            "收入\t\t支出\t\t\t\t",
            "项目\t金额\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款",
        ],
    );

    // ---- 表5 一般公共预算财政拨款支出决算表
    doc.head(5, "一般公共预算财政拨款支出决算表");
    doc.line(row(&["项目", "", "本年支出", "", ""]));
    doc.line(row(&[
        "功能分类科目编码",
        "科目名称",
        "小计",
        "基本支出",
        "项目支出",
    ]));
    for r in a.coded_rows(&[
        &|i: &Item| i.general(),
        &|i: &Item| i.general_basic,
        &|i: &Item| i.general_project,
    ]) {
        doc.line(r.join("\t"));
    }

    // ---- 表6 basic spending by economic classification
    let t6_title = match family {
        Family::Central9 => "一般公共预算财政拨款基本支出决算明细表",
        Family::Legacy8 => "一般公共预算财政拨款基本支出决算表",
    };
    doc.head(6, t6_title);
    economic_table(&mut doc, &a);

    // ---- T7 三公 (表7 central; 表8, last, legacy) and T8, T9
    let three_public_title = match tp {
        ThreePublic::ColumnsWithMeetings => "财政拨款“三公”经费及会议费、培训费支出决算表",
        _ if family == Family::Legacy8 => "“三公”经费支出决算表",
        _ => "财政拨款“三公”经费支出决算表",
    };
    match family {
        Family::Central9 => {
            doc.head(7, three_public_title);
            three_public(&mut doc, tp);
            doc.head(8, "政府性基金预算财政拨款收入支出决算表");
            gov_fund(&mut doc, &a);
            doc.head(9, "国有资本经营预算财政拨款支出决算表");
            doc.line(row(&["项目", "", "本年支出", "", ""]));
            doc.line(row(&[
                "功能分类科目编码",
                "科目名称",
                "合计",
                "基本支出",
                "项目支出",
            ]));
            for r in a.coded_rows(&[&|i: &Item| i.capital_project, &zero, &|i: &Item| {
                i.capital_project
            }]) {
                doc.line(r.join("\t"));
            }
        }
        Family::Legacy8 => {
            doc.head(7, "政府性基金预算财政拨款收入支出决算表");
            gov_fund(&mut doc, &a);
            doc.head(8, three_public_title);
            three_public(&mut doc, tp);
        }
    }
    doc.blank();
    doc.out.join("\n") + "\n"
}

fn cn(n: usize) -> &'static str {
    [
        "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ][n]
}

fn gov_fund(doc: &mut Doc, a: &Accounts) {
    doc.line(row(&[
        "项目",
        "",
        "年初结转和结余",
        "本年收入",
        "本年支出",
        "",
        "",
        "年末结转和结余",
    ]));
    doc.line(row(&[
        "功能分类科目编码",
        "科目名称",
        "",
        "",
        "小计",
        "基本支出",
        "项目支出",
        "",
    ]));
    let zero = |_: &Item| 0i64;
    let rows = a.coded_rows(&[
        &zero,
        &|i: &Item| i.fund_project,
        &|i: &Item| i.fund_project,
        &zero,
        &|i: &Item| i.fund_project,
        &zero,
    ]);
    if rows.is_empty() {
        doc.line(row(&["合计", "", "", "", "", "", "", ""]));
        doc.line(format!(
            "注：{ENTITY}本年度无政府性基金预算财政拨款收入和支出，故本表无数据。"
        ));
    }
    for r in rows {
        doc.line(r.join("\t"));
    }
}

/// Economic classification (basic spending): 人员经费 block (301, 303) and two 公用经费
/// blocks (302; 310), each (科目编码, 科目名称, 决算数); footers 人员经费合计 | 公用经费合计.
fn economic_table(doc: &mut Doc, _a: &Accounts) {
    // (code, name, 0.01 万元); 类 first, then its 款
    let personnel: Vec<(&str, &str, i64)> = vec![
        ("301", "工资福利支出", 0),
        ("30101", "基本工资", 18000),
        ("30102", "津贴补贴", 15000),
        ("30103", "奖金", 4000),
        ("30108", "机关事业单位基本养老保险缴费", 6120),
        ("30109", "职业年金缴费", 2448),
        ("30110", "职工基本医疗保险缴费", 3060),
        ("30113", "住房公积金", 4012),
        ("303", "对个人和家庭的补助", 0),
        ("30302", "退休费", 1200),
        ("30309", "奖励金", 150),
    ];
    let goods: Vec<(&str, &str, i64)> = vec![
        ("302", "商品和服务支出", 0),
        ("30201", "办公费", 3000),
        ("30211", "差旅费", 1234),
        ("30212", "因公出国（境）费用", 230),
        ("30215", "会议费", 300),
        ("30216", "培训费", 400),
        ("30217", "公务接待费", 120),
        ("30228", "工会经费", 800),
        ("30231", "公务用车运行维护费", 630),
        ("30299", "其他商品和服务支出", 5000),
    ];
    let capital: Vec<(&str, &str, i64)> =
        vec![("310", "资本性支出", 0), ("31002", "办公设备购置", 1400)];
    // fill the 类 amounts from their 款
    let fill = |v: Vec<(&'static str, &'static str, i64)>| -> Vec<(String, String, i64)> {
        let mut out: Vec<(String, String, i64)> = Vec::new();
        for (c, n, x) in &v {
            let x = if c.len() == 3 {
                v.iter()
                    .filter(|(k, _, _)| k.len() == 5 && k.starts_with(c))
                    .map(|(_, _, y)| *y)
                    .sum()
            } else {
                *x
            };
            out.push((c.to_string(), n.to_string(), x));
        }
        out
    };
    let blocks = [fill(personnel), fill(goods), fill(capital)];
    let personnel_total: i64 = blocks[0]
        .iter()
        .filter(|(c, _, _)| c.len() == 3)
        .map(|x| x.2)
        .sum();
    let public_total: i64 = blocks[1..]
        .iter()
        .flatten()
        .filter(|(c, _, _)| c.len() == 3)
        .map(|x| x.2)
        .sum();
    doc.line(row(&["人员经费", "", "", "公用经费", "", "", "", "", ""]));
    doc.line(row(&[
        "科目编码",
        "科目名称",
        "决算数",
        "科目编码",
        "科目名称",
        "决算数",
        "科目编码",
        "科目名称",
        "决算数",
    ]));
    let n = blocks.iter().map(|b| b.len()).max().unwrap_or(0);
    for i in 0..n {
        let mut cells: Vec<String> = Vec::new();
        for b in &blocks {
            match b.get(i) {
                Some((c, name, v)) => {
                    cells.push(c.clone());
                    cells.push(name.clone());
                    cells.push(money(*v));
                }
                None => cells.extend([String::new(), String::new(), String::new()]),
            }
        }
        doc.line(cells.join("\t"));
    }
    doc.line(row(&[
        "人员经费合计",
        "",
        &money(personnel_total),
        "公用经费合计",
        "",
        "",
        "",
        "",
        &money(public_total),
    ]));
}

/// 三公: budget 15.00 = 5.00 + 8.00 (running 8.00) + 2.00; final 9.80 = 2.30 + 6.30 + 1.20.
/// 会议费 4.00 / 3.00, 培训费 5.00 / 4.00 (outside 合计).
fn three_public(doc: &mut Doc, tp: ThreePublic) {
    let budget = ["15.00", "5.00", "8.00", "", "8.00", "2.00"];
    let fin = ["9.80", "2.30", "6.30", "", "6.30", "1.20"];
    match tp {
        ThreePublic::Columns | ThreePublic::ColumnsWithMeetings => {
            let meetings = tp == ThreePublic::ColumnsWithMeetings;
            let mut g1 = vec!["预算数", "", "", "", "", ""];
            let mut g2 = vec![
                "合计",
                "因公出国（境）费",
                "公务用车购置及运行费",
                "",
                "",
                "公务接待费",
            ];
            let mut g3 = vec!["", "", "小计", "公务用车购置费", "公务用车运行费", ""];
            if meetings {
                g1.extend(["", ""]);
                g2.extend(["会议费", "培训费"]);
                g3.extend(["", ""]);
            }
            let (b1, b2, b3) = (g1.clone(), g2.clone(), g3.clone());
            g1[0] = "预算数";
            let mut f1 = b1.clone();
            f1[0] = "决算数";
            let l1: Vec<&str> = g1.iter().chain(f1.iter()).copied().collect();
            let l2: Vec<&str> = b2.iter().chain(b2.iter()).copied().collect();
            let l3: Vec<&str> = b3.iter().chain(b3.iter()).copied().collect();
            doc.line(row(&l1));
            doc.line(row(&l2));
            doc.line(row(&l3));
            let mut data: Vec<&str> = budget.to_vec();
            if meetings {
                data.extend(["4.00", "5.00"]);
            }
            data.extend(fin);
            if meetings {
                data.extend(["3.00", "4.00"]);
            }
            doc.line(row(&data));
        }
        ThreePublic::Rows => {
            doc.line(row(&["项目", "预算数", "决算数"]));
            let names = [
                "合计",
                "1.因公出国（境）费",
                "2.公务用车购置及运行维护费",
                "其中：（1）公务用车购置费",
                "（2）公务用车运行维护费",
                "3.公务接待费",
            ];
            for (i, n) in names.iter().enumerate() {
                doc.line(row(&[n, budget[i], fin[i]]));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

fn check(text: &str, name: &str) -> CheckOutput {
    let opts = Options {
        lang: Lang::Zh,
        ..Options::default()
    };
    match hezhang_ingest::check_text(text, name, &opts) {
        Ok(o) => o,
        Err(e) => panic!("{name}: not checked: {}", e.message(Lang::En)),
    }
}

fn findings_text(out: &CheckOutput) -> String {
    out.findings
        .iter()
        .map(|f| format!("{:?} {} {}", f.severity, f.rule, f.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The report is recognised as `family` with exactly the expected slots, and passes.
fn assert_clean(text: &str, name: &str, family: &str, ids: &[&str]) -> CheckOutput {
    let out = check(text, name);
    assert_eq!(out.report.family, family, "{name}: family");
    let got: Vec<&str> = out.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(got, ids, "{name}: tables recognised");
    for t in &out.tables {
        assert!(t.rows > 0, "{name}: {} has no rows mapped", t.id);
    }
    let bad: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(
        bad.is_empty(),
        "{name}: a consistent report gave findings:\n{}",
        findings_text(&out)
    );
    assert!(
        out.checks.run > 40,
        "{name}: only {} checks ran",
        out.checks.run
    );
    out
}

const CENTRAL_IDS: &[&str] = &["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"];
const LEGACY_IDS: &[&str] = &["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"];

/// Replace field `field` (0-based, tab-separated) of the first line starting with `prefix`
/// after the line containing `after`; returns the new text and the 1-based line number.
fn mutate(text: &str, after: &str, prefix: &str, field: usize, value: &str) -> (String, u32) {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == after)
        .unwrap_or_else(|| panic!("no line {after}"));
    let i = (start..lines.len())
        .find(|&i| lines[i].starts_with(prefix) && lines[i].contains('\t'))
        .unwrap_or_else(|| panic!("no row {prefix} after {after}"));
    let mut cells: Vec<String> = lines[i].split('\t').map(String::from).collect();
    assert!(
        field < cells.len(),
        "row {prefix} has {} cells",
        cells.len()
    );
    cells[field] = value.to_string();
    lines[i] = cells.join("\t");
    (lines.join("\n") + "\n", i as u32 + 1)
}

/// After changing one cell, an error of `rule` points at it, and every error and warning
/// rests on that line (the change is the only defect).
fn assert_mutation(
    text: &str,
    name: &str,
    (title, prefix, field, value): (&str, &str, usize, &str),
    rule: &str,
) {
    let (bad, line) = mutate(text, title, prefix, field, value);
    let out = check(&bad, name);
    let at_cell = |f: &hezhang_core::output::FindingOut| {
        f.locations
            .iter()
            .any(|l| l.line == Some(line) && l.value.as_deref() == Some(value))
    };
    assert!(
        out.findings
            .iter()
            .any(|f| f.rule == rule && f.severity == Severity::Error && at_cell(f)),
        "{name}: {title} row {prefix} field {field} → {value} (line {line}): no {rule} error at that cell:\n{}",
        findings_text(&out)
    );
    for f in out.findings.iter().filter(|f| f.severity != Severity::Info) {
        assert!(
            f.locations.iter().any(|l| l.line == Some(line)),
            "{name}: {title} row {prefix} → {value}: a finding elsewhere: {} {}",
            f.rule,
            f.message
        );
    }
}

fn committed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/families")
        .join(format!("{name}.txt"))
}

/// The committed copy equals the generator's output (rewritten with UPDATE_FAMILIES=1).
fn assert_committed(name: &str, text: &str) {
    let p = committed(name);
    if std::env::var_os("UPDATE_FAMILIES").is_some() {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        return;
    }
    let old = std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_FAMILIES=1)", p.display()));
    assert!(
        old == text,
        "{} differs from the generator (run with UPDATE_FAMILIES=1 and review)",
        p.display()
    );
}

#[test]
fn central_nine_is_recognised_and_consistent() {
    let text = generate(Family::Central9, ThreePublic::Columns);
    assert_committed("central-9", &text);
    let out = assert_clean(&text, "central-9.txt", "central-9", CENTRAL_IDS);
    assert_eq!(out.report.unit, Some("万元"));
    assert_eq!(out.report.year, Some(2023));
    let kinds: Vec<&str> = out.tables.iter().map(|t| t.kind).collect();
    assert_eq!(kinds[5], "general_budget_economic");
    assert_eq!(kinds[8], "state_capital");
}

#[test]
fn legacy_eight_is_recognised_and_consistent() {
    let text = generate(Family::Legacy8, ThreePublic::Rows);
    assert_committed("legacy-8", &text);
    let out = assert_clean(&text, "legacy-8.txt", "legacy-8", LEGACY_IDS);
    assert_eq!(out.report.year, Some(2016));
    // 三公 printed last, after 政府性基金, still in slot T7
    let t7 = out.tables.iter().find(|t| t.id == "t7").unwrap();
    let t8 = out.tables.iter().find(|t| t.id == "t8").unwrap();
    assert!(t7.span.first_line > t8.span.first_line);
    assert_eq!(t7.kind, "three_public");
}

#[test]
fn three_public_variants_are_read() {
    for (family, tp, ids, fam) in [
        (
            Family::Central9,
            ThreePublic::ColumnsWithMeetings,
            CENTRAL_IDS,
            "central-9",
        ),
        (
            Family::Central9,
            ThreePublic::Rows,
            CENTRAL_IDS,
            "central-9",
        ),
        (
            Family::Legacy8,
            ThreePublic::Columns,
            LEGACY_IDS,
            "legacy-8",
        ),
    ] {
        let text = generate(family, tp);
        let name = format!("{fam}-{tp:?}.txt");
        let out = assert_clean(&text, &name, fam, ids);
        // both 三公 identities ran on both sides
        let t7_checks = out
            .not_run
            .iter()
            .filter(|n| n.rule == "THREE-PUBLIC-TOTAL" || n.rule == "THREE-PUBLIC-VEHICLE")
            .count();
        assert_eq!(t7_checks, 0, "{name}: 三公 checks skipped");
        // a changed 公务接待费 决算数 is found at its cell
        let (prefix, field) = match tp {
            ThreePublic::Rows => ("3.公务接待费", 2),
            ThreePublic::ColumnsWithMeetings => ("15.00", 13),
            ThreePublic::Columns => ("15.00", 11),
        };
        let title = if family == Family::Legacy8 {
            "表8"
        } else {
            "表7"
        };
        assert_mutation(
            &text,
            &name,
            (title, prefix, field, "2.20"),
            "THREE-PUBLIC-TOTAL",
        );
    }
}

#[test]
fn a_three_public_total_that_includes_meetings_and_training_passes() {
    let text = generate(Family::Central9, ThreePublic::ColumnsWithMeetings);
    // 合计 = 三公 + 会议费 + 培训费: budget 15.00 + 4.00 + 5.00, final 9.80 + 3.00 + 4.00
    let (text, _) = mutate(&text, "表7", "15.00", 0, "24.00");
    let (text, _) = mutate(&text, "表7", "24.00", 8, "16.80");
    assert_clean(
        &text,
        "central-9-meetings-in-total.txt",
        "central-9",
        CENTRAL_IDS,
    );
    // and neither reading fits a wrong total
    let (bad, line) = mutate(&text, "表7", "24.00", 8, "18.80");
    let out = check(&bad, "central-9-meetings-wrong.txt");
    assert!(out.findings.iter().any(|f| f.rule == "THREE-PUBLIC-TOTAL"
        && f.severity == Severity::Error
        && f.locations.iter().any(|l| l.line == Some(line))));
}

#[test]
fn central_nine_mutations_are_found_at_the_cell() {
    let text = generate(Family::Central9, ThreePublic::Columns);
    let name = "central-9.txt";
    // (table tag, row prefix, field, new value, rule)
    let cases: &[(&str, &str, usize, &str, &str)] = &[
        ("表1", "本年收入合计", 1, "826.30", "T1-INCOME-TOTAL"),
        ("表2", "2010602", 8, "19.76", "ROW-SUM"),
        ("表3", "2080505", 3, "71.20", "ROW-SUM"),
        ("表4", "一、一般公共预算财政拨款", 4, "645.14", "T4-TOTALS"),
        ("表5", "2101101", 3, "40.60", "ROW-SUM"),
        ("表6", "30102", 2, "160.00", "ECON-HIERARCHY"),
        ("表7", "15.00", 11, "2.20", "THREE-PUBLIC-TOTAL"),
        ("表9", "2230105", 4, "25.00", "ROW-SUM"),
    ];
    for (title, prefix, field, value, rule) in cases {
        assert_mutation(&text, name, (title, prefix, *field, value), rule);
    }
}

#[test]
fn legacy_eight_mutations_are_found_at_the_cell() {
    let text = generate(Family::Legacy8, ThreePublic::Rows);
    let name = "legacy-8.txt";
    let cases: &[(&str, &str, usize, &str, &str)] = &[
        ("表1", "总计", 1, "831.30", "T1-INCOME-GRAND"),
        ("表2", "2101101", 2, "40.60", "ROW-SUM"),
        ("表3", "合计", 4, "160.26", "ROW-SUM"),
        ("表5", "2010601", 3, "524.64", "ROW-SUM"),
        ("表6", "303", 2, "23.50", "ECON-HIERARCHY"),
        ("表7", "2120899", 6, "30.00", "ROW-SUM"),
        ("表8", "合计", 2, "10.80", "THREE-PUBLIC-TOTAL"),
    ];
    for (title, prefix, field, value, rule) in cases {
        assert_mutation(&text, name, (title, prefix, *field, value), rule);
    }
}

#[test]
fn a_table_with_an_unknown_title_is_listed_not_guessed() {
    let mut text = generate(Family::Central9, ThreePublic::Columns);
    text.push_str(
        "\n国有资产占用情况表\n表10\n部门名称：国家示范管理局\n2023年度\n单位：万元\n\
         项目\t数量\t金额\n房屋\t2\t300.00\n车辆\t1\t20.00\n",
    );
    let out = check(&text, "central-9-extra.txt");
    let ids: Vec<&str> = out.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(&ids[..9], CENTRAL_IDS);
    let x = out.tables.last().unwrap();
    assert_eq!((x.id.as_str(), x.kind), ("x1", "other"));
    assert_eq!(x.title, "国有资产占用情况表");
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("未识别") && n.contains("国有资产占用情况表")),
        "{:?}",
        out.notes
    );
    // nothing of it was read into the state-capital table before it
    let t9 = out.tables.iter().find(|t| t.id == "t9").unwrap();
    assert!(t9.span.last_line < x.span.first_line);
    assert_eq!(out.report.family, "central-9");
    assert!(out.findings.iter().all(|f| f.severity == Severity::Info));
}

// ---------------------------------------------------------------------------------------------
// The same reports as text copied out of a PDF viewer: cells separated by single spaces, the
// empty ones gone.

fn flatten(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.contains('\t') {
                l.split('\t')
                    .filter(|c| !c.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn model(text: &str, name: &str) -> hezhang_core::Report {
    let doc = hezhang_ingest::read(text.as_bytes(), name).expect("read");
    hezhang_core::recognise::recognise(&doc)
}

#[test]
fn flattened_reports_are_rebuilt_by_arithmetic_without_false_findings() {
    use hezhang_core::model::{Slot, Value};
    for (family, fam) in [
        (Family::Central9, "central-9"),
        (Family::Legacy8, "legacy-8"),
    ] {
        let tabbed = generate(family, ThreePublic::Columns);
        let flat = flatten(&tabbed);
        let name = format!("{fam}-flat.txt");
        let out = check(&flat, &name);
        assert_eq!(out.report.family, fam, "{name}");
        assert!(
            out.findings.iter().all(|f| f.severity == Severity::Info),
            "{name}: {}",
            findings_text(&out)
        );
        // the coded tables come back cell for cell where arithmetic decides, and T5 in full
        let (a, b) = (model(&tabbed, &name), model(&flat, &name));
        for slot in [Slot::T2, Slot::T3, Slot::T5, Slot::T6, Slot::T8, Slot::T9] {
            let Some(tf) = b.table(slot) else {
                continue;
            };
            if tf.rows.is_empty() {
                continue;
            }
            assert!(tf.flat);
            let ta = a.table(slot).unwrap();
            assert_eq!(tf.rows.len(), ta.rows.len(), "{name} {slot:?} rows");
            for (rf, ra) in tf.rows.iter().zip(&ta.rows) {
                assert_eq!(rf.code, ra.code);
                for (k, c) in &rf.cells {
                    if c.value == Value::Ambiguous {
                        assert_ne!(slot, Slot::T5, "{name}: T5 {} {k} ambiguous", rf.display());
                        continue;
                    }
                    let want = ra.cell(k).and_then(|c| c.num()).map(|n| n.value);
                    assert_eq!(
                        c.num().map(|n| n.value),
                        want,
                        "{name} {slot:?} {} {k}",
                        rf.display()
                    );
                }
            }
        }
        assert!(b.table(Slot::T5).is_some_and(|t| !t.rows.is_empty()));
        assert!(b
            .table(Slot::T6)
            .is_some_and(|t| t.flat && t.rows.len() > 20));
        // the tables that cannot be rebuilt say why
        assert!(out
            .not_run
            .iter()
            .any(|n| n.reason.contains("空格分隔") && n.reason.contains("PDF")));
    }
}

const FLAT_T5_HEAD: &str =
    "一般公共预算财政拨款支出决算表\n单位：万元\n项目\n合计 基本支出 项目支出\n科目编码 科目名称\n";

#[test]
fn amounts_that_arithmetic_cannot_place_are_ambiguous_and_not_checked() {
    use hezhang_core::model::{Slot, Value};
    // every row prints two equal amounts: all basic or all project, both add up
    let text = format!(
        "{FLAT_T5_HEAD}合计 30.00 30.00\n201 一般公共服务支出 20.00 20.00\n201 01 人大事务 20.00 20.00\n\
         201 01 01 行政运行 20.00 20.00\n208 社会保障和就业支出 10.00 10.00\n\
         208 05 行政事业单位养老支出 10.00 10.00\n208 05 05 机关事业单位基本养老保险缴费支出 10.00 10.00\n"
    );
    let r = model(&text, "ambiguous.txt");
    let t5 = r.table(Slot::T5).unwrap();
    assert_eq!(t5.rows.len(), 7);
    for row in &t5.rows {
        assert!(row.cell("total").is_some_and(|c| c.num().is_some()));
        assert!(row.is_ambiguous("basic") && row.is_ambiguous("project"));
    }
    let out = check(&text, "ambiguous.txt");
    assert!(out.findings.iter().all(|f| f.severity == Severity::Info));
    assert!(
        out.not_run
            .iter()
            .any(|n| n.rule == "ROW-SUM" && n.reason.contains("PDF")),
        "{:?}",
        out.not_run
    );
    // one row printing all three amounts settles the rest
    let text = text.replace(
        "201 01 01 行政运行 20.00 20.00",
        "201 01 01 行政运行 20.00 20.00 0.00",
    );
    let r = model(&text, "settled.txt");
    let t5 = r.table(Slot::T5).unwrap();
    assert!(t5
        .rows
        .iter()
        .all(|row| row.cells.iter().all(|(_, c)| c.value != Value::Ambiguous)));
    let out = check(&text, "settled.txt");
    assert!(
        out.findings.iter().all(|f| f.severity == Severity::Info),
        "{}",
        findings_text(&out)
    );
}

#[test]
fn an_amount_on_the_wrong_line_is_not_reported_as_an_error() {
    use hezhang_core::model::Slot;
    // a text layer moved 5.00 onto the row above: that row no longer adds up
    let text = format!(
        "{FLAT_T5_HEAD}合计 30.00 25.00 5.00\n201 一般公共服务支出 30.00 25.00 5.00\n\
         201 01 人大事务 30.00 25.00 5.00\n201 01 01 行政运行 25.00 25.00 5.00\n201 01 02 一般行政管理事务 5.00\n"
    );
    let r = model(&text, "moved.txt");
    let t5 = r.table(Slot::T5).unwrap();
    assert!(t5.flat && t5.rows.is_empty(), "not rebuilt");
    let out = check(&text, "moved.txt");
    assert!(
        out.findings.iter().all(|f| f.severity == Severity::Info),
        "{}",
        findings_text(&out)
    );
    assert!(out.not_run.iter().any(|n| n.reason.contains("空格分隔")));
}

#[test]
fn an_economic_table_as_text_is_rebuilt_only_when_it_adds_up() {
    use hezhang_core::model::Slot;
    let head =
        "一般公共预算财政拨款基本支出决算表\n单位：万元\n经济分类 科目编码 科目名称 决算数\n";
    // entries side by side; an entry with no amount is blank
    let good = format!(
        "{head}301 工资福利支出 9.00 302 商品和服务支出 2.00\n30101 基本工资 5.00 30201 办公费 2.00\n\
         30102 津贴补贴 30202 印刷费\n30103 奖金 4.00\n人员经费合计 9.00 公用经费合计 2.00\n"
    );
    let r = model(&good, "t6.txt");
    let t6 = r.table(Slot::T6).unwrap();
    assert_eq!(t6.rows.len(), 9);
    assert!(t6
        .row_by_code("30102")
        .unwrap()
        .cell("basic")
        .unwrap()
        .is_blank());
    let out = check(&good, "t6.txt");
    assert!(
        out.findings.iter().all(|f| f.severity == Severity::Info),
        "{}",
        findings_text(&out)
    );
    assert!(out.checks.run >= 4);
    // 4.00 printed on the wrong line: 301 no longer adds up, so the table is not rebuilt
    let moved = good.replace(
        "30102 津贴补贴 30202 印刷费\n30103 奖金 4.00",
        "30102 津贴补贴 30202 印刷费 4.00\n30103 奖金",
    );
    let r = model(&moved, "t6-moved.txt");
    assert!(r.table(Slot::T6).unwrap().rows.is_empty());
    let out = check(&moved, "t6-moved.txt");
    assert!(
        out.findings.iter().all(|f| f.severity == Severity::Info),
        "{}",
        findings_text(&out)
    );
}
