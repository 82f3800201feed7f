"""The one translation table for every string SQMS shows a person.

Messages, page titles, table headers, statuses and chart labels all come from
:data:`MESSAGES`, in English and Simplified Chinese. The language is chosen
per build or per command (:func:`use_language`), never per call site.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("en", "zh")

_language: ContextVar[str] = ContextVar("sqms_language", default="en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- diagnostics ---
    "diag.row": {"en": "row {row}", "zh": "第 {row} 行"},
    "diag.column": {"en": "column {column}", "zh": "列 {column}"},
    "diag.warning": {"en": "warning", "zh": "警告"},
    "diag.list_separator": {"en": ", ", "zh": "，"},
    "diag.label_separator": {"en": ": ", "zh": "："},
    "diag.summary": {
        "en": "{errors} error(s), {warnings} warning(s)",
        "zh": "{errors} 个错误，{warnings} 个警告",
    },
    # --- JSON Schema for editors ---
    "schema.cli.current": {
        "en": "editor schemas are current: {count} in {folder}, mapped in {settings}",
        "zh": "编辑器 JSON Schema 已是最新：{folder} 中共 {count} 个，并已在 {settings} 中映射",
    },
    "schema.cli.missing": {
        "en": "missing: run `sqms schema` to write it",
        "zh": "缺失：请运行 `sqms schema` 写入",
    },
    "schema.cli.stale": {
        "en": "out of date (made by another version of SQMS): run `sqms schema` to write it again",
        "zh": "已过期（由其他版本的 SQMS 生成）：请运行 `sqms schema` 重新写入",
    },
    "schema.cli.unmapped": {
        "en": "yaml.schemas does not map every SQMS schema to its files: run `sqms schema` to add them",
        "zh": "yaml.schemas 未将每个 SQMS JSON Schema 映射到对应文件：请运行 `sqms schema` 补上",
    },
    "schema.cli.stale_summary": {
        "en": "{count} editor file(s) missing or out of date",
        "zh": "{count} 个编辑器文件缺失或已过期",
    },
    "schema.cli.bad_settings": {
        "en": "not valid JSON ({problem}): nothing was written; fix it (comments and trailing commas cannot be kept), or map the schemas by hand",
        "zh": "不是有效的 JSON（{problem}）：未写入任何文件；请修正该文件（注释和末尾逗号无法保留），或手动映射 JSON Schema",
    },
    "schema.cli.settings_not_object": {
        "en": "not a JSON object: nothing was written; settings.json holds one object of settings",
        "zh": "不是 JSON 对象：未写入任何文件；settings.json 应包含一个设置对象",
    },
    "schema.cli.yaml_schemas_not_object": {
        "en": '"yaml.schemas" is not an object: nothing was written; make it one, or remove it',
        "zh": "“yaml.schemas”不是对象：未写入任何文件；请将其改为对象，或删除它",
    },
    "schema.cli.unreadable": {
        "en": "cannot be read ({problem}): nothing was written",
        "zh": "无法读取（{problem}）：未写入任何文件",
    },
    "schema.cli.write_failed": {
        "en": "cannot be written ({problem})",
        "zh": "无法写入（{problem}）",
    },
    # --- control charts: provisional limits, sigma_z, moving ranges, CLI table ---
    "page.control.rules.basic": {
        "en": "basic (WE1: 1 point beyond 3σ; WE4: 8 in a row on one side)",
        "zh": "基本规则（WE1：1 个点超出 3σ；WE4：连续 8 点在中心线同一侧）",
    },
    "page.control.limits_from": {
        "en": "**{kind}** chart. Limits computed from {count} period(s), {first} – {last} ({source}){excluded}; centre line {centre}. Run rules: {rules}.",
        "zh": "**{kind}** 控制图。控制限根据 {count} 个周期计算，{first} – {last}（{source}）{excluded}；中心线 {centre}。判异规则：{rules}。",
    },
    "page.control.excluded": {
        "en": ", leaving out {periods} (known special causes)",
        "zh": "，剔除 {periods}（已知特殊原因）",
    },
    "page.control.left_out": {"en": "left out", "zh": "剔除"},
    "page.control.provisional": {
        "en": "**Provisional limits** ({got} points; {need} needed): trial limits that will move as periods are added. Signals against them are listed below but not claimed as special causes on the dashboard.",
        "zh": "**临时控制限**（{got} 个点；需要 {need} 个）：试行控制限，会随周期增加而变化。据其发现的信号仅在下方列出，不在仪表板上作为特殊原因报告。",
    },
    "page.control.signals_provisional": {
        "en": "Signals against the provisional limits (not yet claimed as special causes):",
        "zh": "相对临时控制限的信号（尚不认定为特殊原因）：",
    },
    "page.control.sigma_z_auto": {
        "en": "σz = {sigma_z}: how much more the proportions vary from period to period than a binomial process would (Laney 2002; about 1 when they do not), from the moving ranges of the baseline's z-scores (pᵢ − p̄)/√(p̄(1−p̄)/nᵢ). Above {threshold} the chart is Laney p' (the p limits widened by σz), otherwise p: here {choice}.",
        "zh": "σz = {sigma_z}：各周期比例的波动相对二项分布过程的倍数（Laney 2002；无过度离散时约为 1），由基线各期 z 值 (pᵢ − p̄)/√(p̄(1−p̄)/nᵢ) 的移动极差估计。σz 大于 {threshold} 时采用 Laney p' 图（p 图控制限按 σz 放宽），否则采用 p 图：此处为 {choice}。",
    },
    "page.control.sigma_z_declared": {
        "en": "σz = {sigma_z}: how much more the proportions vary from period to period than a binomial process would (Laney 2002; about 1 when they do not). The chart is declared in the plan; chosen automatically it would be Laney p' above {threshold}, p otherwise.",
        "zh": "σz = {sigma_z}：各周期比例的波动相对二项分布过程的倍数（Laney 2002；无过度离散时约为 1）。控制图类型由质量计划声明；若自动选择，σz 大于 {threshold} 时为 Laney p' 图，否则为 p 图。",
    },
    "page.control.moving_ranges": {
        "en": "Moving ranges (mR chart): MR̄ = {mr_bar}, upper limit {d4} × MR̄ = {mr_upper}; σ = MR̄ / {d2} = {sigma}, and the X limits are the centre line ± 3σ.",
        "zh": "移动极差（mR 图）：MR̄ = {mr_bar}，上限 {d4} × MR̄ = {mr_upper}；σ = MR̄ / {d2} = {sigma}，X 图控制限为中心线 ± 3σ。",
    },
    "chart.provisional": {
        "en": "provisional limits ({got} points; {need} needed)",
        "zh": "临时控制限（{got} 个点；需要 {need} 个）",
    },
    "chart.mr_title": {"en": "{name}: moving ranges", "zh": "{name}：移动极差"},
    "chart.mr_caption": {
        "en": "Moving ranges |xᵢ − xᵢ₋₁| between consecutive periods (solid blue) against their mean MR̄ (dash-dotted grey) and the upper limit 3.267 × MR̄ (dashed black). A range above the limit marks a jump between two periods.",
        "zh": "相邻周期之间的移动极差 |xᵢ − xᵢ₋₁|（蓝色实线），与其均值 MR̄（灰色点划线）及上限 3.267 × MR̄（黑色虚线）对照。超出上限的极差表示两个周期之间出现跳变。",
    },
    "chart.mr_axis": {"en": "Moving range ({unit})", "zh": "移动极差（{unit}）"},
    "chart.mr_description": {
        "en": "{title}: the moving range between consecutive periods, with MR̄ and the upper limit 3.267 × MR̄; {above} range(s) above the limit.",
        "zh": "{title}：相邻周期之间的移动极差，以及 MR̄ 与上限 3.267 × MR̄；{above} 个极差超出上限。",
    },
    "chart.series.moving_range": {"en": "moving range", "zh": "移动极差"},
    "chart.series.mr_centre": {"en": "mean moving range", "zh": "平均移动极差"},
    "chart.series.mr_upper": {
        "en": "upper limit (3.267 × mean)",
        "zh": "上限（3.267 × 均值）",
    },
    "col.moving_range": {"en": "Moving range", "zh": "移动极差"},
    "col.baseline": {"en": "Baseline", "zh": "基线"},
    "page.indicator.limits_provisional": {
        "en": "Control limits are provisional ({got} points; {need} needed): no special cause is claimed yet.",
        "zh": "控制限为临时（{got} 个点；需要 {need} 个）：尚不认定任何特殊原因。",
    },
    "page.dashboard.provisional": {
        "en": "limits provisional ({got} of {need} points)",
        "zh": "控制限为临时（{got}/{need} 个点）",
    },
    "cli.latest_complete": {
        "en": "Latest complete period: {period}",
        "zh": "最近一个完整周期：{period}",
    },
    # --- yaml ---
    "yaml.not_found": {"en": "file not found", "zh": "文件不存在"},
    "yaml.not_utf8": {
        "en": "not UTF-8 text (byte {offset}): save the file as UTF-8",
        "zh": "不是 UTF-8 文本（第 {offset} 字节）：请以 UTF-8 保存文件",
    },
    "yaml.syntax": {"en": "invalid YAML: {problem}", "zh": "YAML 语法错误：{problem}"},
    "yaml.bad_date": {
        "en": 'no such date or time: "{value}" ({problem})',
        "zh": "不存在的日期或时间：“{value}”（{problem}）",
    },
    "yaml.duplicate_key": {
        "en": 'duplicate key "{key}" (first defined on line {first})',
        "zh": "重复的键“{key}”（首次定义于第 {first} 行）",
    },
    "yaml.empty": {"en": "the file is empty", "zh": "文件为空"},
    "yaml.unsupported_tag": {
        "en": "unsupported YAML tag {tag}: only plain data is allowed",
        "zh": "不支持的 YAML 标签 {tag}：只允许纯数据",
    },
    "yaml.file_too_large": {
        "en": "the file is larger than {limit} MB, the most a YAML file may be",
        "zh": "文件大于 {limit} MB，超出 YAML 文件的大小上限",
    },
    "yaml.front_matter_too_large": {
        "en": "the front matter is larger than {limit} MB, the most it may be",
        "zh": "前置元数据大于 {limit} MB，超出其大小上限",
    },
    "yaml.alias_bomb": {
        "en": "YAML aliases expand to more than {limit} nodes; write the repeated values out instead",
        "zh": "YAML 别名展开后超过 {limit} 个节点；请直接写出重复的值",
    },
    "yaml.recursive_alias": {
        "en": "alias *{anchor} refers to a node that contains it (a recursive structure)",
        "zh": "别名 *{anchor} 引用了包含它自身的节点（递归结构）",
    },
    "yaml.too_deep": {
        "en": "mappings and lists nested more than {limit} levels deep",
        "zh": "映射和列表嵌套超过 {limit} 层",
    },
    "yaml.too_many_nodes": {
        "en": "more than {limit} YAML values; split the file",
        "zh": "YAML 值超过 {limit} 个；请拆分文件",
    },
    "yaml.number_too_long": {
        "en": "a number of {length} characters: at most {limit} are allowed",
        "zh": "数字长达 {length} 个字符：最多允许 {limit} 个",
    },
    "yaml.key_not_plain": {
        "en": "a key must be a plain value, not a list or a mapping",
        "zh": "键必须是普通值，不能是列表或映射",
    },
    "yaml.not_a_file": {"en": "not a regular file", "zh": "不是普通文件"},
    "yaml.unreadable": {"en": "cannot be read: {problem}", "zh": "无法读取：{problem}"},
    "doc.date_out_of_range": {
        "en": "{value} is outside the years {first} to {last}",
        "zh": "{value} 不在 {first} 年至 {last} 年之间",
    },
    "doc.interval_too_long": {
        "en": '"{value}" is longer than {limit} years',
        "zh": "“{value}”超过 {limit} 年",
    },
    "doc.too_many": {
        "en": "at most {limit} entries are allowed, found {count}",
        "zh": "最多允许 {limit} 项，实际为 {count} 项",
    },
    "calendar.too_many_holidays": {
        "en": "the holidays add up to more than {limit} days",
        "zh": "节假日合计超过 {limit} 天",
    },
    "calendar.too_many_intervals": {
        "en": "more than {limit} opening intervals in one day",
        "zh": "一天内的营业时段超过 {limit} 个",
    },
    # --- schema (validation of YAML against the models) ---
    "schema.missing": {"en": 'missing required key "{key}"', "zh": "缺少必需的键“{key}”"},
    "schema.unknown_key": {
        "en": 'unknown key "{key}"{hint}',
        "zh": "未知的键“{key}”{hint}",
    },
    "schema.did_you_mean": {"en": ' (did you mean "{name}"?)', "zh": "（是否想写“{name}”？）"},
    # --- personal data and breakdown sizes (sqms.engine.privacy, sqms.engine.breakdowns) ---
    "privacy.published": {
        "en": 'column "{column}" holds personal data (pii: true): its values would be published',
        "zh": "列“{column}”为个人数据（pii: true）：其取值会被公布",
    },
    # --- bounds on single values, so that one value cannot blow up a build ---
    "bounds.too_large": {
        "en": "must be at most {limit}, got {value}",
        "zh": "不得超过 {limit}，实际为 {value}",
    },
    "feedback.scale_too_wide": {
        "en": "[{lowest}, {highest}] spans more than {limit} points",
        "zh": "[{lowest}, {highest}] 的跨度超过 {limit} 分",
    },
    "plan.reporting_too_long": {
        "en": "the reporting window {start} to {end} is longer than {limit} years",
        "zh": "报告期间 {start} 至 {end} 超过 {limit} 年",
    },
    "actions.span_too_long": {
        "en": 'baseline "{baseline}" and follow-up "{follow_up}" together span more than {limit} years',
        "zh": "基线“{baseline}”与跟踪期“{follow_up}”合计跨度超过 {limit} 年",
    },
    "privacy.derived_published": {
        "en": 'column "{column}" is computed from personal data ({sources}, pii: true):'
        " its values would be published",
        "zh": "列“{column}”由个人数据（{sources}，pii: true）计算得出：其取值会被公布",
    },
    "breakdown.too_many_values": {
        "en": 'column "{column}" has {count} different values in {file}: a breakdown shows'
        " at most {limit}; break down by a column with fewer values, or group them in a"
        " derived column (derive: map in datasets.yml)",
        "zh": "列“{column}”在 {file} 中有 {count} 个不同取值：细分最多显示 {limit} 个；"
        "请改用取值较少的列，或在派生列中归并（datasets.yml 中的 derive: map）",
    },
    "schema.expected": {
        "en": "{key}: expected {expected}, got {got}",
        "zh": "{key}：应为{expected}，实际为 {got}",
    },
    "schema.invalid": {"en": "{key}: {problem}", "zh": "{key}：{problem}"},
    "schema.not_one_of": {
        "en": '{key}: "{value}" is not one of {allowed}',
        "zh": "{key}：“{value}”不在可选值 {allowed} 中",
    },
    "type.mapping": {"en": "a mapping", "zh": "映射"},
    "type.list": {"en": "a list", "zh": "列表"},
    "type.string": {"en": "a string", "zh": "字符串"},
    "type.integer": {"en": "an integer", "zh": "整数"},
    "type.number": {"en": "a number", "zh": "数字"},
    "type.boolean": {"en": "true or false", "zh": "true 或 false"},
    "type.date": {"en": "a date (YYYY-MM-DD)", "zh": "日期（YYYY-MM-DD）"},
    # --- business_time ---
    "calendar.problem": {"en": "{key}: {message}", "zh": "{key}：{message}"},
    "calendar.bad_weekday": {
        "en": 'unknown weekday "{value}": use mon, tue, wed, thu, fri, sat, sun,'
        " a range such as mon-fri, or daily",
        "zh": "无法识别的星期“{value}”：请使用 mon、tue、wed、thu、fri、sat、sun，"
        "范围如 mon-fri，或 daily",
    },
    "calendar.no_weekdays": {
        "en": "no weekday given: use e.g. mon-fri, sat or daily",
        "zh": "未指定星期：请写如 mon-fri、sat 或 daily",
    },
    "calendar.weekday_repeated": {
        "en": '{day} is named twice in "{value}"',
        "zh": "“{value}”中 {day} 出现了两次",
    },
    "calendar.weekday_twice": {
        "en": 'opening hours for {days} are already given under "{other}"',
        "zh": "{days} 的营业时间已在“{other}”中给出",
    },
    "calendar.bad_time": {
        "en": 'invalid time "{value}": use HH:MM between 00:00 and 24:00',
        "zh": "无效的时间“{value}”：请使用 00:00 至 24:00 之间的 HH:MM",
    },
    "calendar.bad_interval": {
        "en": 'invalid opening hours "{value}": use HH:MM-HH:MM, several separated'
        " by commas, or closed",
        "zh": "无效的营业时间“{value}”：请写成 HH:MM-HH:MM，多段以逗号分隔，或写 closed",
    },
    "calendar.empty_interval": {
        "en": 'opening hours "{value}" do not end after they start',
        "zh": "营业时间“{value}”的结束时间不晚于开始时间",
    },
    "calendar.overlap": {
        "en": "opening hours {first} and {second} overlap",
        "zh": "营业时间 {first} 与 {second} 重叠",
    },
    "calendar.bad_table": {
        "en": "the opening hours table needs 7 entries (Monday to Sunday), got {count}",
        "zh": "营业时间表必须有 7 项（周一至周日），实际为 {count} 项",
    },
    "calendar.hours_not_mapping": {
        "en": 'hours must map weekdays to opening hours, e.g. mon-fri: "09:00-18:00"',
        "zh": 'hours 应为从星期到营业时间的映射，例如 mon-fri: "09:00-18:00"',
    },
    "calendar.hours_not_text": {
        "en": 'opening hours must be text such as "09:00-18:00" or closed, got {value}',
        "zh": '营业时间应为文本，如 "09:00-18:00" 或 closed，实际为 {value}',
    },
    "calendar.holidays_not_list": {
        "en": "holidays must be a list of dates",
        "zh": "节假日应为日期列表",
    },
    "calendar.bad_date": {
        "en": 'invalid holiday "{value}": use YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD',
        "zh": "无效的节假日“{value}”：请使用 YYYY-MM-DD 或日期范围 YYYY-MM-DD..YYYY-MM-DD",
    },
    "calendar.reversed_range": {
        "en": 'holiday range "{value}" ends before it starts',
        "zh": "节假日范围“{value}”的结束日期早于开始日期",
    },
    "calendar.range_too_long": {
        "en": 'holiday range "{value}" spans {days} days; at most 366 are allowed',
        "zh": "节假日范围“{value}”跨越 {days} 天，最多允许 366 天",
    },
    "calendar.unknown_timezone": {
        "en": 'unknown time zone "{value}": use an IANA name such as Asia/Shanghai'
        " or Europe/London",
        "zh": "未知的时区“{value}”：请使用 IANA 时区名，如 Asia/Shanghai 或 Europe/London",
    },
    "calendar.naive_times": {
        "en": "times must carry a time zone (tz-aware datetime64), got {dtype}",
        "zh": "时间必须带有时区（带时区的 datetime64），实际为 {dtype}",
    },
    "calendar.index_mismatch": {
        "en": "start and end times must have the same index",
        "zh": "开始时间与结束时间的索引必须相同",
    },
    # --- expressions ---
    "expr.not_text": {
        "en": "an expression must be text, got {got}",
        "zh": "表达式必须是文本，实际为 {got}",
    },
    "expr.empty": {"en": "the expression is empty", "zh": "表达式为空"},
    "expr.too_long": {
        "en": "the expression is too long ({length} characters, at most {limit})",
        "zh": "表达式过长（{length} 个字符，最多 {limit} 个）",
    },
    "expr.too_deep": {
        "en": "the expression is nested too deeply (at most {limit} levels): simplify or split it",
        "zh": "表达式嵌套过深（最多 {limit} 层）：请简化或拆分",
    },
    "expr.syntax": {"en": "invalid expression: {problem}", "zh": "表达式无效：{problem}"},
    "expr.single_equals": {
        "en": 'use "==" to compare (a single "=" is not an operator here)',
        "zh": "比较请使用“==”（单个“=”在这里不是运算符）",
    },
    "expr.comment": {
        "en": 'comments ("#") are not allowed in expressions',
        "zh": "表达式中不允许使用注释（“#”）",
    },
    "expr.not_allowed": {
        "en": "{construct} not allowed in expressions",
        "zh": "表达式中不允许使用{construct}",
    },
    "expr.operator_not_allowed": {
        "en": 'the operator "{operator}" is not allowed in expressions{hint}',
        "zh": "表达式中不允许使用运算符“{operator}”{hint}",
    },
    "expr.hint.and": {"en": '; use "and"', "zh": "；请改用“and”"},
    "expr.hint.or": {"en": '; use "or"', "zh": "；请改用“or”"},
    "expr.hint.not": {"en": '; use "not"', "zh": "；请改用“not”"},
    "expr.hint.power": {"en": "; write x * x instead", "zh": "；请改写为 x * x"},
    "expr.c.attribute": {
        "en": 'attribute access (".{name}") is',
        "zh": "属性访问（“.{name}”）",
    },
    "expr.c.subscript": {
        "en": 'subscripts ("[...]" after a value) are',
        "zh": "下标（值后面的“[...]”）",
    },
    "expr.c.lambda": {"en": "lambda functions are", "zh": "lambda 函数"},
    "expr.c.comprehension": {
        "en": 'comprehensions ("... for ... in ...") are',
        "zh": "推导式（“... for ... in ...”）",
    },
    "expr.c.fstring": {"en": 'f-strings (f"...") are', "zh": 'f 字符串（f"..."）'},
    "expr.c.walrus": {"en": 'assignments (":=") are', "zh": "赋值（“:=”）"},
    "expr.c.starred": {"en": 'unpacking ("*") is', "zh": "解包（“*”）"},
    "expr.c.dict": {"en": 'dictionaries ("{...: ...}") are', "zh": "字典（“{...: ...}”）"},
    "expr.c.set": {"en": 'sets ("{...}") are', "zh": "集合（“{...}”）"},
    "expr.c.tuple": {"en": 'tuples ("(a, b)") are', "zh": "元组（“(a, b)”）"},
    "expr.c.conditional": {
        "en": 'conditional expressions ("... if ... else ...") are',
        "zh": "条件表达式（“... if ... else ...”）",
    },
    "expr.c.generator": {"en": "await and yield are", "zh": "await 和 yield"},
    "expr.c.keyword": {
        "en": 'keyword arguments ("{name}=...") are',
        "zh": "关键字参数（“{name}=...”）",
    },
    "expr.c.literal": {"en": "the literal {value} is", "zh": "字面量 {value}"},
    "expr.c.other": {"en": "this construct ({name}) is", "zh": "此语法结构（{name}）"},
    "expr.dunder": {
        "en": 'names with a double underscore ("{name}") are not allowed',
        "zh": "不允许使用含双下划线的名称（“{name}”）",
    },
    "expr.unknown_function": {
        "en": 'unknown function "{name}"; available functions: {functions}',
        "zh": "未知函数“{name}”；可用的函数：{functions}",
    },
    "expr.call_target": {
        "en": "only the listed functions can be called, by name, e.g. lower(x)",
        "zh": "只能按名称调用列出的函数，例如 lower(x)",
    },
    "expr.arity": {
        "en": "{name}() takes {expected} argument(s), got {got}",
        "zh": "{name}() 需要 {expected} 个参数，实际为 {got} 个",
    },
    "expr.arity_min": {
        "en": "{name}() takes at least {expected} arguments, got {got}",
        "zh": "{name}() 至少需要 {expected} 个参数，实际为 {got} 个",
    },
    "expr.literal_argument": {
        "en": '{name}() needs quoted text as argument {position}, e.g. {name}(x, "text")',
        "zh": '{name}() 的第 {position} 个参数必须是带引号的文本，例如 {name}(x, "text")',
    },
    "expr.number_range": {
        "en": "the number {value} is out of range",
        "zh": "数字 {value} 超出范围",
    },
    "expr.null_usage": {
        "en": 'null can only be used as "is null" or "is not null"',
        "zh": "null 只能用于“is null”或“is not null”",
    },
    "expr.is_non_null": {
        "en": '"is" can only be followed by null ("is null", "is not null"); use "==" to compare',
        "zh": "“is”后面只能是 null（“is null”“is not null”）；比较请使用“==”",
    },
    "expr.in_needs_list": {
        "en": '"in" needs a list in square brackets, e.g. x in ["a", "b"]',
        "zh": '“in”后面需要方括号列表，例如 x in ["a", "b"]',
    },
    "expr.list_position": {
        "en": 'a list "[...]" can only follow "in" or "not in"',
        "zh": "列表“[...]”只能用在“in”或“not in”之后",
    },
    "expr.list_items": {
        "en": "list items must be literal values (numbers, quoted text, true or false)",
        "zh": "列表项必须是字面值（数字、带引号的文本、true 或 false）",
    },
    "expr.list_mixed": {
        "en": "list items must all be of the same type",
        "zh": "列表项的类型必须一致",
    },
    "expr.chain": {
        "en": '"in" and "is" cannot be chained with other comparisons; join them with "and"',
        "zh": "“in”和“is”不能与其他比较连写；请用“and”连接",
    },
    "expr.operand": {
        "en": '"{operator}" needs {expected}, got {got}',
        "zh": "“{operator}”需要{expected}，实际为{got}",
    },
    "expr.compare": {"en": "cannot compare {left} with {right}", "zh": "无法比较{left}与{right}"},
    "expr.order_booleans": {
        "en": 'true/false values can only be compared with "==" or "!="',
        "zh": "true/false 值只能用“==”或“!=”比较",
    },
    "expr.datetime_arithmetic": {
        "en": "arithmetic on dates and times is not supported; "
        "declare a duration column in the dataset and use it instead",
        "zh": "不支持对日期时间做算术运算；请在数据集中声明时长列并改用该列",
    },
    "expr.bad_datetime": {
        "en": '"{text}" is not a date or time; write YYYY-MM-DD or YYYY-MM-DD HH:MM',
        "zh": "“{text}”不是日期或时间；请写成 YYYY-MM-DD 或 YYYY-MM-DD HH:MM",
    },
    "expr.local_time": {
        "en": '"{text}" does not exist or is ambiguous in {zone} (daylight saving change)',
        "zh": "“{text}”在时区 {zone} 中不存在或有歧义（夏令时切换）",
    },
    "expr.unknown_timezone": {"en": 'unknown time zone "{zone}"', "zh": "未知时区“{zone}”"},
    "expr.unknown_column": {"en": 'unknown column "{name}"{hint}', "zh": "未知列“{name}”{hint}"},
    "expr.duplicate_column": {
        "en": 'column "{name}" appears more than once in the data',
        "zh": "列“{name}”在数据中出现了多次",
    },
    "expr.not_condition": {
        "en": "the expression is not a condition (it gives {kind}); use a comparison such as x > 0",
        "zh": "表达式不是条件（其结果为{kind}）；请使用比较，例如 x > 0",
    },
    "expr.mixed_types": {
        "en": "{name}() arguments must all be of one type, got {kinds}",
        "zh": "{name}() 的参数类型必须一致，实际为 {kinds}",
    },
    "expr.evaluation": {
        "en": "cannot evaluate this part of the expression: {problem}",
        "zh": "无法计算表达式的这一部分：{problem}",
    },
    "expr.kind.number": {"en": "a number", "zh": "数字"},
    "expr.kind.text": {"en": "text", "zh": "文本"},
    "expr.kind.datetime": {"en": "a date/time", "zh": "日期时间"},
    "expr.kind.boolean": {"en": "a condition (true/false)", "zh": "条件（true/false）"},
    "expr.kind.null": {"en": "only nulls", "zh": "全为空值"},
    "expr.kind.any": {"en": "a value", "zh": "值"},
    "expr.kind.other": {"en": "values of type {dtype}", "zh": "{dtype} 类型的值"},
    # --- documents ---
    "doc.bad_id": {
        "en": 'document id "{id}" must be capital letters and digits in parts joined by hyphens, e.g. QP-05',
        "zh": "文件编号“{id}”须由大写字母和数字组成、以连字符分段，例如 QP-05",
    },
    "doc.bad_version": {
        "en": 'version "{version}" must be numbers joined by dots, e.g. "2.1" (quote it in YAML)',
        "zh": '版本“{version}”须为以点分隔的数字，例如 "2.1"（在 YAML 中加引号）',
    },
    "doc.bad_interval": {
        "en": 'review interval "{value}" must be a number of days, weeks, months or years, e.g. "12 months"',
        "zh": '评审周期“{value}”须为天、周、月或年数，例如 "12 months"',
    },
    "doc.needs_approval": {
        "en": "a document with status {status} needs: {keys}",
        "zh": "状态为 {status} 的文件需要：{keys}",
    },
    "doc.needs_review": {
        "en": "an approved document needs review_every or next_review",
        "zh": "已批准的文件需要 review_every 或 next_review",
    },
    "doc.review_one_way": {
        "en": "give either review_every or next_review, not both",
        "zh": "review_every 与 next_review 只能二选一",
    },
    "doc.effective_before_approval": {
        "en": "effective_on is before approved_on",
        "zh": "生效日期早于批准日期",
    },
    "doc.no_front_matter": {
        "en": "no front matter: every manual document starts with id, title, type, version, status and owner between --- lines",
        "zh": "缺少前置元数据：每份手册文件须以 --- 包围的 id、title、type、version、status、owner 开头",
    },
    "doc.duplicate_id": {
        "en": 'document id "{id}" is already used by {other}',
        "zh": "文件编号“{id}”已被 {other} 使用",
    },
    "doc.unknown_reference": {
        "en": 'unknown document "{id}"{hint}',
        "zh": "未知的文件“{id}”{hint}",
    },
    "doc.status.draft": {"en": "draft", "zh": "草稿"},
    "doc.status.in-review": {"en": "in review", "zh": "评审中"},
    "doc.status.approved": {"en": "approved", "zh": "已批准"},
    "doc.status.obsolete": {"en": "obsolete", "zh": "已作废"},
    "doc.banner.draft": {"en": "Draft — not approved for use", "zh": "草稿——未经批准，不得使用"},
    "doc.banner.in-review": {
        "en": "In review — a new version is being approved",
        "zh": "评审中——新版本正在审批",
    },
    "doc.banner.obsolete": {"en": "Obsolete — do not use", "zh": "已作废——不得使用"},
    "doc.banner_text.draft": {
        "en": "This document is a draft. Work from the approved documents until it is approved.",
        "zh": "本文件为草稿。在其获批前，请按已批准的文件执行。",
    },
    "doc.banner_text.in-review": {
        "en": "This version is under review; it applies once approved.",
        "zh": "此版本正在评审中，获批后方才生效。",
    },
    "doc.banner_text.obsolete": {
        "en": "This document has been withdrawn and is kept for the record only.",
        "zh": "本文件已撤销，仅作记录保存。",
    },
    "doc.overdue": {"en": "review overdue", "zh": "评审逾期"},
    "doc.attention_group": {"en": "Documents overdue for review", "zh": "评审逾期的文件"},
    "doc.attention_item": {
        "en": "{link}: review was due on {date} (owner: {owner})",
        "zh": "{link}：应于 {date} 评审（负责人：{owner}）",
    },
    "doc.overdue_title": {"en": "Review overdue", "zh": "评审逾期"},
    "doc.col.id": {"en": "Document", "zh": "文件编号"},
    "doc.in_force_title": {"en": "Version {version} is in force", "zh": "第 {version} 版现行有效"},
    "doc.in_force_text": {
        "en": "Version {version} is in force (approved on {date}). Version {proposed} is proposed: [proposed text]({link}).",
        "zh": "第 {version} 版现行有效（批准于 {date}）。第 {proposed} 版为拟议版本：[拟议文本]({link})。",
    },
    "doc.proposed_title": {
        "en": "Proposed version {version} — not in force",
        "zh": "第 {version} 版为拟议版本——尚未生效",
    },
    "doc.proposed_text": {
        "en": "This is a proposed text. Version {version}, approved on {date}, stays in force until this one is approved: [version in force]({link}).",
        "zh": "本文本为拟议版本。在其获批前，批准于 {date} 的第 {version} 版仍然有效：[现行版本]({link})。",
    },
    "doc.proposed_page_title": {"en": "{title} (proposed)", "zh": "{title}（拟议）"},
    "doc.no_version_title": {"en": "No approved version found", "zh": "未找到已批准的版本"},
    "doc.no_version_text": {
        "en": "No approved version of this document was found in its history: the text below is the current one, and it is not in force.",
        "zh": "在本文件的历史中未找到已批准的版本：以下为当前文本，尚未生效。",
    },
    "doc.blank_owner": {
        "en": "owner is blank: name the role answerable for the document",
        "zh": "owner 为空：请填写对本文件负责的角色",
    },
    "doc.blank_approver": {
        "en": "approved_by is blank: a document with status {status} names who approved it",
        "zh": "approved_by 为空：状态为{status}的文件须写明批准人",
    },
    "doc.approved_in_future": {
        "en": "approved_on {date} is after the as-of date {as_of}: an approval counts from the day it is given",
        "zh": "approved_on {date} 晚于判定日期 {as_of}：批准自作出之日起才生效",
    },
    "doc.refers_to_unapproved": {
        "en": 'an approved document refers to "{id}", which is {status}: refer to a document in force',
        "zh": "已批准的文件引用了“{id}”，其状态为{status}：请引用现行有效的文件",
    },
    "doc.changes_not_judged_shallow": {
        "en": "built from a shallow clone: changes after approval and the order of versions were not checked (fetch the full history: fetch-depth: 0)",
        "zh": "由浅克隆构建：未检查批准后的变更及版本顺序（请获取完整历史：fetch-depth: 0）",
    },
    "doc.version_lowered": {
        "en": "version {version} is lower than version {highest} of commit {commit}: a version never goes down",
        "zh": "版本 {version} 低于提交 {commit} 中的版本 {highest}：版本号不得降低",
    },
    "doc.more_commits": {
        "en": " and {count} more commit(s)",
        "zh": "及另外 {count} 个提交",
    },
    "doc.changed_after_approval": {
        "en": 'the content changed after version {version} was approved (commit {approval}): commit {commit} "{subject}"{more}; give the document a new version and approval, or mark a change of wording only with {marker} in its commit message',
        "zh": "版本 {version} 批准（提交 {approval}）后内容被修改：提交 {commit}“{subject}”{more}；请为文件设定新版本并重新批准，或在仅修改措辞的提交说明中写明 {marker}",
    },
    "doc.col.title": {"en": "Title", "zh": "标题"},
    "doc.col.type": {"en": "Type", "zh": "类型"},
    "doc.col.version": {"en": "Version", "zh": "版本"},
    "doc.col.status": {"en": "Status", "zh": "状态"},
    "doc.col.owner": {"en": "Owner", "zh": "负责人"},
    "doc.col.approved": {"en": "Approved", "zh": "批准"},
    "doc.col.effective": {"en": "Effective", "zh": "生效"},
    "doc.col.next_review": {"en": "Next review", "zh": "下次评审"},
    "doc.col.clauses": {"en": "Standard clauses", "zh": "标准条款"},
    "doc.col.related": {"en": "Related documents", "zh": "相关文件"},
    "doc.col.date": {"en": "Date", "zh": "日期"},
    "doc.col.change": {"en": "Change", "zh": "变更"},
    "doc.col.by": {"en": "By", "zh": "人员"},
    "doc.col.commit": {"en": "Commit", "zh": "提交"},
    "doc.history": {"en": "Revision history", "zh": "修订历史"},
    "doc.history_approved": {"en": "Version {version} approved", "zh": "第 {version} 版获批"},
    "doc.history_unavailable": {
        "en": "The changes recorded in git are not shown: this copy of the manual was built outside a git checkout.",
        "zh": "未显示 git 中记录的变更：本手册副本并非在 git 工作区中构建。",
    },
    "doc.history_shallow": {
        "en": "This copy was built from a shallow clone: older changes may be missing from this history.",
        "zh": "本副本由浅克隆构建：较早的变更可能未列出。",
    },
    "doc.type.policy": {"en": "policy", "zh": "方针"},
    "doc.type.manual": {"en": "manual", "zh": "手册"},
    "doc.type.procedure": {"en": "procedure", "zh": "程序"},
    "doc.type.instruction": {"en": "work instruction", "zh": "作业指导书"},
    "doc.type.form": {"en": "form", "zh": "表单"},
    "doc.type.knowledge": {"en": "knowledge article", "zh": "知识文章"},
    "doc.register.title": {"en": "Document register", "zh": "文件清单"},
    "doc.register.intro": {
        "en": "Every controlled document of the manual. Reviews are judged as of {date}. Click a column header to sort.",
        "zh": "本手册的全部受控文件。评审状态以 {date} 为准。点击列标题可排序。",
    },
    "doc.register.summary": {
        "en": "{total} documents; {overdue} overdue for review; {drafts} drafts.",
        "zh": "共 {total} 份文件；{overdue} 份评审逾期；{drafts} 份草稿。",
    },
    # --- datasets ---
    "data.unknown_format": {
        "en": 'cannot tell the format of "{file}": use .csv, .parquet, .xlsx or .jsonl, or declare format',
        "zh": "无法判断“{file}”的格式：请使用 .csv、.parquet、.xlsx 或 .jsonl，或声明 format",
    },
    "data.file_missing": {"en": "data file not found", "zh": "数据文件不存在"},
    "data.bad_encoding": {
        "en": "cannot read the file as {encoding} ({problem}): declare its encoding",
        "zh": "无法按 {encoding} 读取文件（{problem}）：请声明 encoding",
    },
    "data.unreadable": {"en": "cannot read the file: {problem}", "zh": "无法读取文件：{problem}"},
    "data.column_missing": {
        "en": "declared column {column} is not in the file",
        "zh": "声明的列 {column} 不在文件中",
    },
    "data.more_rows": {
        "en": "... and {count} more rows with this problem",
        "zh": "……另有 {count} 行存在同样问题",
    },
    "data.not_string": {"en": '"{value}" is not text', "zh": "“{value}”不是文本"},
    "data.not_category": {
        "en": '"{value}" is not one of the declared values',
        "zh": "“{value}”不在声明的取值中",
    },
    "data.not_number": {"en": '"{value}" is not a number', "zh": "“{value}”不是数字"},
    "data.not_integer": {"en": '"{value}" is not a whole number', "zh": "“{value}”不是整数"},
    "data.not_boolean": {
        "en": '"{value}" is not true or false',
        "zh": "“{value}”不是 true 或 false",
    },
    "data.not_datetime": {
        "en": '"{value}" is not a date and time',
        "zh": "“{value}”不是有效的日期时间",
    },
    "data.not_date": {"en": '"{value}" is not a date', "zh": "“{value}”不是有效的日期"},
    "data.required": {"en": "a value is required", "zh": "必须填写"},
    "data.duplicate": {
        "en": '"{value}" appears more than once (must be unique)',
        "zh": "“{value}”重复出现（必须唯一）",
    },
    "data.not_allowed": {
        "en": '"{value}" is not one of the allowed values',
        "zh": "“{value}”不在允许的取值中",
    },
    "data.below_min": {"en": "{value} is below the minimum", "zh": "{value} 低于最小值"},
    "data.above_max": {"en": "{value} is above the maximum", "zh": "{value} 高于最大值"},
    "data.undeclared_column": {
        "en": 'column "{column}" is not declared',
        "zh": "列“{column}”未声明",
    },
    "data.time_not_datetime": {
        "en": 'column "{column}" must be a datetime or date',
        "zh": "列“{column}”必须是日期时间或日期类型",
    },
    "derive.as_of_first": {
        "en": "as_of can only end a duration (it is the time the data was exported)",
        "zh": "as_of 只能作为时长的终点（即数据导出时间）",
    },
    "derive.shadows": {
        "en": 'derived column "{column}" has the name of a declared column',
        "zh": "派生列“{column}”与已声明的列同名",
    },
    "derive.unknown_calendar": {
        "en": 'unknown calendar "{calendar}" (calendars: {known})',
        "zh": "未知的日历“{calendar}”（已有日历：{known}）",
    },
    "datasets.derive_one_kind": {
        "en": "a derived column needs exactly one of hours, business_hours, map or expr",
        "zh": "派生列必须且只能指定 hours、business_hours、map、expr 之一",
    },
    "datasets.derive_needs_calendar": {
        "en": "business_hours needs a calendar",
        "zh": "business_hours 需要指定 calendar",
    },
    "datasets.derive_map_needs_values": {
        "en": "map needs values",
        "zh": "map 需要指定 values",
    },
    "data.not_list": {
        "en": '"{value}" is not a list: give a JSON array of texts, or texts separated by the separator',
        "zh": "“{value}”不是列表：请给出文本的 JSON 数组，或以分隔符分隔的文本",
    },
    "data.list_item_not_text": {
        "en": "the list holds {value}, which is not text",
        "zh": "列表中含有 {value}，它不是文本",
    },
    "data.separator_needs_list": {
        "en": "separator is only for columns of type list",
        "zh": "separator 仅适用于 list 类型的列",
    },
    "data.separator_empty": {"en": "separator must not be empty", "zh": "separator 不能为空"},
    # hostile and malformed data files
    "data.outside": {
        "en": 'the data file must lie inside {folder}/: "{file}" leads outside it '
        '(through "..", an absolute path or a symbolic link)',
        "zh": "数据文件必须位于 {folder}/ 之内：“{file}”指向其外（经由“..”、绝对路径或符号链接）",
    },
    "data.not_a_file": {
        "en": "not a regular file (a folder, a pipe or a device): a data file must be a file",
        "zh": "不是普通文件（文件夹、管道或设备）：数据文件必须是文件",
    },
    "data.bad_byte": {
        "en": "cannot read the file as {encoding}: byte 0x{byte} is not {encoding} text; "
        "declare its encoding, or save it as UTF-8",
        "zh": "无法按 {encoding} 读取文件：字节 0x{byte} 不是 {encoding} 文本；请声明 encoding，或以 UTF-8 保存",
    },
    "data.json_syntax": {
        "en": "this line is not valid JSON (column {column}: {problem}): "
        "each line must be one JSON object",
        "zh": "此行不是有效的 JSON（第 {column} 列：{problem}）：每行必须是一个 JSON 对象",
    },
    "data.json_too_deep": {
        "en": "this line nests arrays or objects too deeply to be read",
        "zh": "此行的数组或对象嵌套过深，无法读取",
    },
    "data.json_not_object": {
        "en": "this line is not a JSON object: each line must be one JSON object",
        "zh": "此行不是 JSON 对象：每行必须是一个 JSON 对象",
    },
    "data.json_more_lines": {
        "en": "... and {count} more lines that are not JSON objects",
        "zh": "……另有 {count} 行不是 JSON 对象",
    },
    "data.duplicate_header": {
        "en": 'column "{column}" appears {count} times in the header: '
        "rename the columns so that each name is used once",
        "zh": "列“{column}”在表头中出现了 {count} 次：请重命名，使每个列名只出现一次",
    },
    "data.formula_not_calculated": {
        "en": 'the formula "{value}" was never calculated (the file holds no value for it): '
        "open the file in a spreadsheet program and save it",
        "zh": "公式“{value}”从未计算（文件中没有它的值）：请在电子表格程序中打开并保存该文件",
    },
    "data.header_only": {
        "en": "the file has a header but no rows",
        "zh": "文件只有表头，没有数据行",
    },
    "data.no_rows": {"en": "the file has no rows", "zh": "文件没有数据行"},
    "data.time_out_of_range": {
        "en": '"{value}" is outside the years {first} to {last}, the times SQMS computes with',
        "zh": "“{value}”不在 {first} 年至 {last} 年之间（SQMS 可计算的时间范围）",
    },
    "data.delimiter_one_character": {
        "en": "delimiter must be one character, not a quote or a line break",
        "zh": "delimiter 必须是一个字符，且不能是引号或换行符",
    },
    "data.unknown_encoding": {
        "en": 'unknown text encoding "{encoding}"',
        "zh": "未知的文本编码“{encoding}”",
    },
    "feedback.unknown_dataset": {
        "en": 'unknown dataset "{name}"{hint}',
        "zh": "未知的数据集“{name}”{hint}",
    },
    # --- plan ---
    "plan.unknown_dataset": {
        "en": 'unknown dataset "{name}"{hint}',
        "zh": "未知的数据集“{name}”{hint}",
    },
    "plan.unknown_column": {"en": 'unknown column "{name}"{hint}', "zh": "未知的列“{name}”{hint}"},
    "plan.unknown_indicator": {
        "en": 'unknown indicator "{name}"{hint}',
        "zh": "未知的指标“{name}”{hint}",
    },
    "plan.column_type": {
        "en": 'column "{column}" is {type}, expected {expected}',
        "zh": "列“{column}”的类型为 {type}，应为 {expected}",
    },
    "plan.no_time": {
        "en": 'dataset "{dataset}" has no time column: declare time on the dataset or the indicator',
        "zh": "数据集“{dataset}”没有时间列：请在数据集或指标上声明 time",
    },
    "plan.warning_side": {
        "en": "the warning threshold must be on the worse side of the target (better is {better})",
        "zh": "预警阈值必须位于目标值较差的一侧（优化方向：{better}）",
    },
    "plan.duplicate_objective": {
        "en": 'objective id "{id}" is used twice',
        "zh": "目标编号“{id}”重复",
    },
    "plan.nested_composite": {
        "en": 'indicator "{id}" is itself a composite and cannot be a component',
        "zh": "指标“{id}”本身是综合指标，不能作为组成部分",
    },
    "plan.component_needs_target": {
        "en": 'indicator "{id}" needs a non-zero target to be scored in a composite',
        "zh": "指标“{id}”需要非零目标值才能计入综合指标",
    },
    "plan.measure_needs": {
        "en": "measure {measure} needs: {keys}",
        "zh": "度量 {measure} 需要：{keys}",
    },
    "plan.target_or_targets": {
        "en": "give either target (one value) or targets (dated steps), not both",
        "zh": "target（单一目标）与 targets（按日期生效）只能二选一",
    },
    # --- compute ---
    # --- charts ---
    "chart.caption.target": {"en": "Target: long-dashed green.", "zh": "目标：绿色长虚线。"},
    "chart.caption.warning": {
        "en": "Warning threshold: dashed orange; the band between it and the target is shaded.",
        "zh": "预警阈值：橙色虚线；它与目标之间为阴影带。",
    },
    "chart.caption.benchmark": {"en": "Peer benchmark: dotted pink.", "zh": "同业标杆：粉色点线。"},
    "chart.caption.numbers": {
        "en": "The numbers are in the table below.",
        "zh": "具体数值见下表。",
    },
    "chart.control_title": {"en": "{name}: control chart", "zh": "{name}：控制图"},
    "chart.control_caption": {
        "en": "Values per complete period (solid blue) against the centre line (dash-dotted grey) and the control limits (dashed black). Vermillion diamonds mark signals, labelled with their rule; the signals are listed in words below, and the numbers are in the table under them.",
        "zh": "各完整周期数值（蓝色实线）与中心线（灰色点划线）、控制限（黑色虚线）对照。朱红色菱形标出判异信号并注明规则；信号的文字说明见下方，数值见其后的表格。",
    },
    "chart.breakdown_title": {"en": "{name} by {dim}", "zh": "{name}（按 {dim}）"},
    "chart.breakdown_caption": {
        "en": "One panel for each {dim}: its values per complete period (solid blue) against the total (dashed grey) and the target (long-dashed green). Panels share their scales.",
        "zh": "每个{dim}一个分面：各完整周期数值（蓝色实线），与总体（灰色虚线）及目标（绿色长虚线）对照。各分面使用相同坐标刻度。",
    },
    "chart.pareto_title": {"en": "{name} by {dim}, {span}", "zh": "{name}（按 {dim}，{span}）"},
    "chart.pareto_caption": {
        "en": "Bars: total per category, largest first. Line with diamonds: cumulative share (right axis); the dashed rule marks 80%. The numbers are in the table below.",
        "zh": "柱形：各类别合计，从大到小排列。带菱形的折线：累计占比（右轴）；虚线为 80%。具体数值见下表。",
    },
    "chart.histogram_title": {
        "en": "Distribution of {name}, {period}",
        "zh": "{name} 的分布（{period}）",
    },
    "chart.histogram_caption": {
        "en": "How many of the {n} items took how long. Solid blue line: median; dashed vermillion line: 90th percentile ({method}). The last, lighter bar holds every longer duration.",
        "zh": "{n} 个事项的时长分布。蓝色实线：中位数；朱红色虚线：第 90 百分位数（{method}）。最后一个浅色柱包含所有更长的时长。",
    },
    "quantile.method.nearest_rank": {"en": "nearest rank", "zh": "最近秩法"},
    "quantile.method.linear": {
        "en": "linear interpolation, as PERCENTILE.INC",
        "zh": "线性插值，同 PERCENTILE.INC",
    },
    "chart.hours": {"en": "Hours", "zh": "小时"},
    "chart.stage_lines_description": {
        "en": "{title}: median and 90th percentile hours per period, one panel for each stage ({stages}).",
        "zh": "{title}：各周期的中位时长与第 90 百分位时长，每个阶段一个分面（{stages}）。",
    },
    "chart.cycle_title": {"en": "Median hours per stage", "zh": "各阶段中位时长"},
    "chart.cycle_caption": {
        "en": "Median hours of each stage, stacked in the order of the stages (bottom first). Medians do not add up to the median of the whole cycle; they show where the time usually goes. The numbers are in the table below.",
        "zh": "各阶段的中位时长，按阶段顺序自下而上堆叠。各阶段中位数之和并不等于整个周期的中位数，但能显示时间通常花在哪里。具体数值见下表。",
    },
    "chart.cycle_lines_title": {
        "en": "Median and p90 hours, stage by stage",
        "zh": "各阶段的中位与 p90 时长",
    },
    "chart.cycle_lines_caption": {
        "en": "For each stage, its median (solid blue) and 90th percentile (dashed vermillion) hours per period, each panel on its own scale: a growing tail shows even in a short stage.",
        "zh": "每个阶段各周期的中位时长（蓝色实线）与第 90 百分位时长（朱红色虚线），各分面独立刻度：即使阶段很短，尾部变长也能看出。",
    },
    "chart.cycle_by_title": {
        "en": "Median hours per stage by {dim}, {period}",
        "zh": "按 {dim} 的各阶段中位时长（{period}）",
    },
    "chart.axis_unit": {"en": "Value ({unit})", "zh": "数值（{unit}）"},
    "chart.series.value": {"en": "value", "zh": "数值"},
    "chart.series.total": {"en": "all (total)", "zh": "总体"},
    "chart.series.target": {"en": "target", "zh": "目标"},
    "chart.series.warning": {"en": "warning threshold", "zh": "预警阈值"},
    "chart.series.benchmark": {"en": "peer benchmark", "zh": "同业标杆"},
    "chart.series.centre": {"en": "centre line", "zh": "中心线"},
    "chart.series.limit": {"en": "control limits", "zh": "控制限"},
    "chart.sparkline_description": {
        "en": "Trend of {title} from {first} to {last}.",
        "zh": "{title} 自 {first} 至 {last} 的趋势。",
    },
    "chart.baseline": {"en": "baseline", "zh": "基线"},
    "chart.kind.xmr": {"en": "XmR (individuals)", "zh": "XmR（单值-移动极差）"},
    "chart.kind.p": {"en": "p (proportion)", "zh": "p（比例）"},
    "chart.kind.laney_p": {
        "en": "Laney p' (proportion, large samples)",
        "zh": "Laney p'（大样本比例）",
    },
    "chart.kind.u": {"en": "u (rate per unit)", "zh": "u（单位缺陷率）"},
    "chart.kind.c": {"en": "c (count per period)", "zh": "c（每周期计数）"},
    "chart.control_description": {
        "en": "{kind} control chart of {title}: values per period with the centre line and control limits; {signals} period(s) with a signal, marked by diamonds.",
        "zh": "{title} 的 {kind} 控制图：各周期数值、中心线与控制限；{signals} 个周期出现判异信号，以菱形标出。",
    },
    "chart.breakdown_description": {
        "en": "{title} per period, one panel for each {dim}: {values}; each panel also shows the total (dashed grey) and the target.",
        "zh": "{title} 各周期数值，按{dim}分面：{values}；每个分面同时显示总体（灰色虚线）与目标。",
    },
    "chart.count": {"en": "Count", "zh": "数量"},
    "chart.cumulative_share": {"en": "Cumulative share", "zh": "累计占比"},
    "chart.pareto_description": {
        "en": "Pareto chart of {title} by {dim}: {count} categories as bars, largest first, and their cumulative share as a line; the dashed rule marks 80%.",
        "zh": "{title} 按{dim}的帕累托图：{count} 个类别按数量从大到小排列，折线为累计占比，虚线为 80%。",
    },
    "chart.median": {"en": "median", "zh": "中位数"},
    "chart.histogram_description": {
        "en": "Histogram of {title}: number of items per duration bin; median {median} (solid line) and p90 {p90} (dashed line).",
        "zh": "{title} 的直方图：各时长区间的数量；中位数 {median}（实线），第 90 百分位数 {p90}（虚线）。",
    },
    "chart.median_hours": {"en": "Median hours", "zh": "中位时长（小时）"},
    "chart.stage": {"en": "Stage", "zh": "阶段"},
    "chart.stage_description": {
        "en": "{title}: the median hours of each stage, stacked in order ({stages}).",
        "zh": "{title}：各阶段的中位时长，按顺序堆叠（{stages}）。",
    },
    "chart.period": {"en": "Period", "zh": "周期"},
    "chart.value": {"en": "Value", "zh": "数值"},
    "chart.trend_description": {
        "en": "Line chart of {title} per period, with its target and warning thresholds.",
        "zh": "{title} 各周期数值的折线图，含目标线与预警线。",
    },
    "chart.trend_caption": {
        "en": "{name} per complete period (solid blue); each point's shape gives its status.",
        "zh": "{name} 各完整周期数值（蓝色实线）；各点形状表示达标状态。",
    },
    "spc.not_series": {
        "en": "{what} must be a flat list of numbers, one per period",
        "zh": "{what} 必须是一维数值序列，每个周期一个值",
    },
    "spc.not_finite": {
        "en": "{what}: point {point} is not a finite number",
        "zh": "{what}：第 {point} 个点不是有限数值",
    },
    "spc.length_mismatch": {
        "en": "{what} has {got} values, expected {expected}",
        "zh": "{what} 有 {got} 个值，应为 {expected} 个",
    },
    "spc.denominator_not_positive": {
        "en": "point {point}: the denominator must be greater than 0",
        "zh": "第 {point} 个点：分母必须大于 0",
    },
    "spc.negative_count": {
        "en": "point {point}: a count cannot be negative",
        "zh": "第 {point} 个点：计数不能为负",
    },
    "spc.numerator_exceeds": {
        "en": "point {point}: the numerator is larger than the denominator",
        "zh": "第 {point} 个点：分子大于分母",
    },
    "spc.baseline_step": {
        "en": "the baseline must be a contiguous range of periods",
        "zh": "基线必须是连续的周期范围",
    },
    "spc.exclude_outside": {
        "en": "excluded point {point} is not in the baseline",
        "zh": "被排除的第 {point} 个点不在基线范围内",
    },
    "spc.too_few": {
        "en": "control limits need at least {need} baseline points, got {got}",
        "zh": "计算控制限至少需要 {need} 个基线点，实际只有 {got} 个",
    },
    "spc.unknown_label": {
        "en": 'baseline period "{label}" is not in the series',
        "zh": "基线周期“{label}”不在序列中",
    },
    "spc.unknown_rule": {
        "en": 'unknown run rule "{rule}" (known: {known})',
        "zh": "未知的判异规则“{rule}”（可选：{known}）",
    },
    "spc.rule.WE1": {"en": "1 point beyond 3σ", "zh": "1 个点超出 3σ 控制限"},
    "spc.rule.WE2": {
        "en": "2 of 3 points in a row beyond 2σ on one side",
        "zh": "连续 3 点中有 2 点落在同侧 2σ 之外",
    },
    "spc.rule.WE3": {
        "en": "4 of 5 points in a row beyond 1σ on one side",
        "zh": "连续 5 点中有 4 点落在同侧 1σ 之外",
    },
    "spc.rule.WE4": {
        "en": "8 points in a row on one side of the centre line",
        "zh": "连续 8 点落在中心线同一侧",
    },
    "spc.rule.N1": {"en": "1 point beyond 3σ", "zh": "1 个点超出 3σ 控制限"},
    "spc.rule.N2": {
        "en": "9 points in a row on one side of the centre line",
        "zh": "连续 9 点落在中心线同一侧",
    },
    "spc.rule.N3": {
        "en": "6 points in a row steadily increasing or decreasing",
        "zh": "连续 6 点持续上升或持续下降",
    },
    "spc.rule.N4": {
        "en": "14 points in a row alternating up and down",
        "zh": "连续 14 点交替上下",
    },
    "spc.rule.N5": {
        "en": "2 of 3 points in a row beyond 2σ on one side",
        "zh": "连续 3 点中有 2 点落在同侧 2σ 之外",
    },
    "spc.rule.N6": {
        "en": "4 of 5 points in a row beyond 1σ on one side",
        "zh": "连续 5 点中有 4 点落在同侧 1σ 之外",
    },
    "spc.rule.N7": {
        "en": "15 points in a row within 1σ of the centre line",
        "zh": "连续 15 点落在中心线两侧 1σ 以内",
    },
    "spc.rule.N8": {
        "en": "8 points in a row beyond 1σ, on both sides of the centre line",
        "zh": "连续 8 点落在中心线两侧 1σ 之外",
    },
    # --- pages ---
    "plan.unknown_rule": {
        "en": 'unknown run rule "{rule}": use a set ({sets}) or a list of rule ids ({rules})',
        "zh": "未知的判异规则“{rule}”：请使用规则集（{sets}）或规则编号列表（{rules}）",
    },
    "signal.beyond_sentence": {
        "en": "{periods} ({rule}): {where}{judgement}.",
        "zh": "{periods}（{rule}）：{where}{judgement}。",
    },
    "signal.beyond.higher": {"en": "above the upper control limit", "zh": "高于控制上限"},
    "signal.beyond.lower": {"en": "below the lower control limit", "zh": "低于控制下限"},
    "signal.summary": {
        "en": "{judgement}, {span} ({rules}).",
        "zh": "{judgement}，{span}（{rules}）。",
    },
    "embed.own_line": {
        "en": "sqms:{name} must stand on a line of its own",
        "zh": "sqms:{name} 必须单独占一行",
    },
    "embed.unknown_directive": {
        "en": 'unknown directive "sqms:{name}"{hint}; directives: sqms:value, sqms:chart, sqms:table, sqms:cycle',
        "zh": "未知的指令“sqms:{name}”{hint}；可用指令：sqms:value、sqms:chart、sqms:table、sqms:cycle",
    },
    "embed.needs_indicator": {
        "en": "sqms:{name} needs an indicator id first, e.g. <!-- sqms:{name} frt_within_4h -->",
        "zh": "sqms:{name} 需要先写指标编号，例如 <!-- sqms:{name} frt_within_4h -->",
    },
    "embed.bad_option": {
        "en": 'option "{word}" must be written name=value',
        "zh": "选项“{word}”必须写成 name=value",
    },
    "embed.unknown_option": {
        "en": 'unknown option "{name}" for sqms:{directive}{hint}; options: {known}',
        "zh": "sqms:{directive} 没有选项“{name}”{hint}；可用选项：{known}",
    },
    "embed.repeated_option": {"en": 'option "{key}" is given twice', "zh": "选项“{key}”重复"},
    "embed.bad_periods": {
        "en": 'periods: "{value}" is not a whole number of periods above 0',
        "zh": "periods：“{value}”不是大于 0 的整数",
    },
    "embed.unknown_dimension": {
        "en": '{id} has no breakdown by "{name}"{hint}; breakdowns: {known}',
        "zh": "{id} 没有按“{name}”的细分{hint}；可用细分：{known}",
    },
    "embed.unknown_value": {
        "en": 'no {dim} "{name}" in the results{hint}',
        "zh": "结果中没有 {dim}“{name}”{hint}",
    },
    "embed.unknown_period": {
        "en": 'no period "{name}" for indicator {id}{hint}',
        "zh": "指标 {id} 没有周期“{name}”{hint}",
    },
    "embed.kind_needs_by": {
        "en": "kind={kind} needs by=DIMENSION",
        "zh": "kind={kind} 需要 by=细分维度",
    },
    "embed.by_not_for_kind": {
        "en": "by= applies to kind=breakdown or kind=pareto, not kind={kind}",
        "zh": "by= 只适用于 kind=breakdown 或 kind=pareto，不适用于 kind={kind}",
    },
    "embed.no_pareto": {
        "en": "indicator {id} is a {measure}: a Pareto chart needs a count or sum",
        "zh": "指标 {id} 的度量为 {measure}：帕累托图需要 count 或 sum",
    },
    "embed.no_distribution": {
        "en": "indicator {id} has no distribution: only median, quantile and mean indicators of durations (hours, days) have one",
        "zh": "指标 {id} 没有分布图：只有时长类（小时、天）的中位数、分位数和平均值指标才有",
    },
    "embed.no_cycle": {
        "en": "the quality plan declares no service_cycle",
        "zh": "质量计划未声明 service_cycle",
    },
    "embed.no_history": {
        "en": "view=statuses needs a status history (service_cycle.history in the quality plan)",
        "zh": "view=statuses 需要状态历史（质量计划中的 service_cycle.history）",
    },
    "embed.no_value": {"en": "— (no data yet)", "zh": "—（暂无数据）"},
    "embed.value_full": {
        "en": "[**{value}**]({href}) ({period}; {status}, target {target})",
        "zh": "[**{value}**]({href})（{period}；{status}，目标 {target}）",
    },
    "embed.more": {
        "en": "Details: [{name}]({href}).",
        "zh": "详情：[{name}]({href})。",
    },
    "page.numbers": {"en": "Numbers behind the chart", "zh": "图表数据"},
    "page.every_period": {"en": "Every period", "zh": "全部周期"},
    "page.breakdown.latest": {
        "en": "Latest complete period, {period}:",
        "zh": "最近一个完整周期（{period}）：",
    },
    "page.indicator.breakdown": {"en": "Breakdown by {dim}", "zh": "按 {dim} 细分"},
    "page.indicator.control": {"en": "Control chart", "zh": "控制图"},
    "page.indicator.distribution": {"en": "Distribution", "zh": "分布"},
    "page.indicator.status": {
        "en": "**Latest complete period, {period}: {value}** — {status} (target {target}; n = {n}).",
        "zh": "**最近一个完整周期（{period}）：{value}**——{status}（目标 {target}；n = {n}）。",
    },
    "page.indicator.recent_signals": {
        "en": "Control chart: {count} signal(s) in the latest {periods} periods, {worse} pointing the bad way — see [the control chart](#control-chart).",
        "zh": "控制图：最近 {periods} 个周期出现 {count} 个判异信号，其中 {worse} 个趋向变差——见下方控制图。",
    },
    "page.indicator.no_recent_signal": {
        "en": "Control chart: no signal in the latest {periods} periods.",
        "zh": "控制图：最近 {periods} 个周期无判异信号。",
    },
    "page.indicator.from_indicators": {
        "en": "other indicators of the plan",
        "zh": "本计划中的其他指标",
    },
    "page.indicator.warning_at": {"en": "warning at {warning}", "zh": "预警值 {warning}"},
    "page.indicator.from_date": {"en": "from {date}", "zh": "自 {date} 起"},
    "page.indicator.no_control": {"en": "none", "zh": "无"},
    "page.control.rules.western_electric": {
        "en": "Western Electric (WE1–WE4)",
        "zh": "西部电气规则（WE1–WE4）",
    },
    "page.control.rules.nelson": {"en": "Nelson (N1–N8)", "zh": "Nelson 规则（N1–N8）"},
    "page.control.baseline": {"en": "the declared baseline", "zh": "声明的基线"},
    "page.control.all_periods": {"en": "every complete period", "zh": "全部完整周期"},
    "page.control.no_signal": {
        "en": "No signal: the variation is what this process usually shows.",
        "zh": "无判异信号：波动在该过程的常态范围内。",
    },
    "page.control.signals": {"en": "Signals of a special cause:", "zh": "特殊原因信号："},
    "page.plan.see_dashboard": {
        "en": "What needs attention now is on the [dashboard]({link}).",
        "zh": "当前需要关注的事项见[仪表板]({link})。",
    },
    "page.dashboard.title": {"en": "Dashboard", "zh": "仪表板"},
    "page.dashboard.intro": {
        "en": "Where service quality stands in the latest complete period ({period}), what is getting worse, and why. Computed from the service data at every build of this manual.",
        "zh": "最近一个完整周期（{period}）的服务质量状况、正在变差的方面及其原因。每次构建本手册时根据服务数据计算。",
    },
    "page.dashboard.attention": {"en": "Needs attention", "zh": "需要关注"},
    "page.dashboard.off_target": {"en": "Not meeting target", "zh": "未达目标"},
    "page.dashboard.worse": {"en": "Special causes: getting worse", "zh": "特殊原因：正在变差"},
    "page.dashboard.better": {
        "en": "Special causes: getting better (confirm the cause and hold the gain)",
        "zh": "特殊原因：正在变好（确认原因并保持改进）",
    },
    "page.dashboard.all_clear": {
        "en": "Nothing needs attention: every indicator meets its target and no control chart signals in the latest {periods} periods.",
        "zh": "无需关注事项：所有指标均达标，最近 {periods} 个周期的控制图均无判异信号。",
    },
    "page.cycle.title": {"en": "Service cycle", "zh": "服务周期"},
    "page.cycle.intro": {
        "en": "Where the time goes in a ticket's life: how long each stage between its timestamps takes, per period and per breakdown. When an indicator worsens, this page shows which stage grew. An item counts in a stage once it has left it.",
        "zh": "工单生命周期中的时间花在哪里：各时间戳之间每个阶段所用的时长，按周期和细分维度统计。指标变差时，本页显示是哪个阶段变长了。事项离开某阶段后才计入该阶段。",
    },
    "page.cycle.tracked": {
        "en": "Items: rows of {dataset} where {where}, placed in the {period} they arrived in. The median is the middle value (for an even count, the mean of the two middle values); the 90th percentile is the nearest rank (the ⌈0.9·n⌉-th smallest value).",
        "zh": "事项：{dataset} 中满足 {where} 的行，按到达时所在的{period}归入周期。中位数为中间值（个数为偶数时取中间两个值的平均）；第 90 百分位数采用最近秩法（第 ⌈0.9·n⌉ 小的值）。",
    },
    "page.cycle.stage": {
        "en": "**{name}**: from `{start}` to `{end}`, in {clock}",
        "zh": "**{name}**：从 `{start}` 到 `{end}`，按{clock}计",
    },
    "page.cycle.clock.business": {"en": "business hours", "zh": "工作时间"},
    "page.cycle.clock.wall": {"en": "wall-clock hours", "zh": "自然时间"},
    "page.cycle.per_period": {"en": "Stages per period", "zh": "各周期的阶段时长"},
    "page.cycle.statuses": {"en": "Time in each status", "zh": "各状态停留时长"},
    "page.cycle.by": {"en": "By {dim}", "zh": "按 {dim}"},
    "page.cycle.distributions": {"en": "Distribution of each stage", "zh": "各阶段时长分布"},
    "page.cycle.cell": {"en": "{median} · p90 {p90} · n {n}", "zh": "{median} · p90 {p90} · n {n}"},
    "col.centre": {"en": "Centre line", "zh": "中心线"},
    "col.lower": {"en": "Lower limit", "zh": "控制下限"},
    "col.upper": {"en": "Upper limit", "zh": "控制上限"},
    "col.signal": {"en": "Signal", "zh": "信号"},
    "col.share": {"en": "Share", "zh": "占比"},
    "col.cumulative": {"en": "Cumulative", "zh": "累计"},
    "col.duration": {"en": "Duration", "zh": "时长"},
    "col.count": {"en": "Count", "zh": "数量"},
    "col.source": {"en": "Data source", "zh": "数据来源"},
    "col.breakdowns": {"en": "Breakdowns", "zh": "细分维度"},
    "col.control_chart": {"en": "Control chart", "zh": "控制图"},
    "col.trend": {"en": "Trend", "zh": "趋势"},
    "plan.cycle_needs_stages": {
        "en": "the service cycle needs stages, a status history, or both",
        "zh": "服务周期需要声明 stages、history 或两者",
    },
    "plan.chart_measure": {
        "en": "a {chart} control chart cannot chart measure {measure} (it charts: {measures}); use xmr or auto",
        "zh": "{chart} 控制图不适用于度量 {measure}（适用于：{measures}）；请使用 xmr 或 auto",
    },
    "plan.bad_label": {
        "en": 'period "{label}" is not a {period} label; write it like {example}',
        "zh": "“{label}”不是{period}周期标签；请写成 {example} 的形式",
    },
    "plan.baseline_reversed": {
        "en": "the baseline ends before it starts",
        "zh": "基线的结束周期早于开始周期",
    },
    "plan.cycle_needs_calendar": {
        "en": "business-hour stages need a calendar (clock: business)",
        "zh": "按工作时间计时的阶段需要指定 calendar（clock: business）",
    },
    "plan.unknown_calendar": {
        "en": 'unknown calendar "{name}"{hint}',
        "zh": "未知的日历“{name}”{hint}",
    },
    "plan.cycle_needs_key": {
        "en": 'a status history needs the key of dataset "{dataset}": declare key on the dataset',
        "zh": "状态历史需要数据集“{dataset}”的主键：请在数据集上声明 key",
    },
    "signal.sentence": {
        "en": "{span} ({rule}): {description} — {direction}{judgement}.",
        "zh": "{span}（{rule}）：{description}——{direction}{judgement}。",
    },
    "signal.direction.higher": {"en": "higher than usual", "zh": "高于常态"},
    "signal.direction.lower": {"en": "lower than usual", "zh": "低于常态"},
    "signal.direction.rising": {"en": "rising", "zh": "持续上升"},
    "signal.direction.falling": {"en": "falling", "zh": "持续下降"},
    "signal.direction.pattern": {
        "en": "an unusual pattern of variation",
        "zh": "波动模式异常",
    },
    "signal.worse": {"en": ", worse", "zh": "，变差"},
    "signal.better": {"en": ", better", "zh": "，变好"},
    "signal.no_chart": {
        "en": "No control chart for this indicator (control_chart: none).",
        "zh": "该指标不绘制控制图（control_chart: none）。",
    },
    "signal.too_few": {
        "en": "Not enough complete periods for control limits yet (need {need}, have {got}).",
        "zh": "完整周期不足，暂无法计算控制限（需要 {need} 个，现有 {got} 个）。",
    },
    "signal.baseline_short": {
        "en": "indicator {id}: the baseline {start} – {end} holds {got} usable period(s), control limits need {need}; limits are computed from every period instead",
        "zh": "指标 {id}：基线 {start} – {end} 只有 {got} 个可用周期，控制限至少需要 {need} 个；改为根据全部周期计算控制限",
    },
    "page.plan.title": {"en": "Quality plan", "zh": "质量计划"},
    "page.plan.intro": {
        "en": "The quality objectives of the service, the indicators that measure them, "
        "and where each stands in its latest complete period. Values are computed from "
        "the service data at every build of this manual.",
        "zh": "本服务的质量目标、衡量这些目标的指标，以及各指标在最近一个完整周期的状态。"
        "每次构建本手册时都会根据服务数据重新计算。",
    },
    "page.plan.all_indicators": {"en": "All indicators", "zh": "全部指标"},
    "page.plan.machine_readable": {
        "en": "Machine-readable results: [{path}]({link}).",
        "zh": "机器可读的结果：[{path}]({link})。",
    },
    "page.owner": {"en": "Owner", "zh": "负责人"},
    "page.partial": {"en": "partial", "zh": "未完结"},
    "page.min_n_not_applied": {
        "en": "not applied: a count is not a sample",
        "zh": "不适用：计数不是抽样",
    },
    "page.indicator.definition": {"en": "Definition", "zh": "定义"},
    "page.indicator.trend": {"en": "Trend", "zh": "趋势"},
    "page.indicator.values": {"en": "Values", "zh": "数值"},
    "page.indicator.no_data": {
        "en": "No data for this indicator yet.",
        "zh": "该指标暂无数据。",
    },
    "family.service_level": {"en": "Service level", "zh": "服务水平"},
    "family.efficiency": {"en": "Efficiency", "zh": "效率"},
    "family.quality": {"en": "Quality", "zh": "质量"},
    "status.meets": {"en": "meets target", "zh": "达标"},
    "status.warning": {"en": "warning", "zh": "预警"},
    "status.misses": {"en": "misses target", "zh": "未达标"},
    "status.not_judged": {"en": "not judged", "zh": "不评判"},
    "col.indicator": {"en": "Indicator", "zh": "指标"},
    "col.period": {"en": "Period", "zh": "周期"},
    "col.latest": {"en": "Latest", "zh": "最新值"},
    "col.target": {"en": "Target", "zh": "目标"},
    "col.status": {"en": "Status", "zh": "状态"},
    "col.value": {"en": "Value", "zh": "数值"},
    "col.numerator": {"en": "Numerator", "zh": "分子"},
    "col.denominator": {"en": "Denominator", "zh": "分母"},
    "col.interval": {"en": "95% interval", "zh": "95% 区间"},
    "col.id": {"en": "Id", "zh": "编号"},
    "col.family": {"en": "Family", "zh": "类别"},
    "col.measure": {"en": "Formula", "zh": "计算方法"},
    "col.unit": {"en": "Unit", "zh": "单位"},
    "col.better": {"en": "Better when", "zh": "优化方向"},
    "col.min_n": {"en": "Minimum n to judge", "zh": "评判所需最小样本量"},
    "col.owner": {"en": "Owner", "zh": "负责人"},
    "col.procedure": {"en": "Governing procedure", "zh": "管控程序"},
    "col.clauses": {"en": "Standard clauses", "zh": "标准条款"},
    "col.benchmark": {"en": "Peer benchmark", "zh": "同业标杆"},
    "col.field": {"en": "Field", "zh": "项目"},
    "col.definition": {"en": "Definition", "zh": "定义"},
    "unit.hours": {"en": "{value} h", "zh": "{value} 小时"},
    "unit.days": {"en": "{value} d", "zh": "{value} 天"},
    "unit.per_1000": {"en": "{value} per 1,000", "zh": "每千 {value}"},
    "unit.name.percent": {"en": "percent", "zh": "百分比"},
    "unit.name.hours": {"en": "hours", "zh": "小时"},
    "unit.name.days": {"en": "days", "zh": "天"},
    "unit.name.count": {"en": "count", "zh": "计数"},
    "unit.name.per_1000": {"en": "per 1,000", "zh": "每千"},
    "unit.name.score": {"en": "score", "zh": "分值"},
    "unit.name.index": {"en": "index", "zh": "指数"},
    "unit.name.number": {"en": "number", "zh": "数值"},
    "better.higher": {"en": "higher", "zh": "越高越好"},
    "better.lower": {"en": "lower", "zh": "越低越好"},
    "period.week": {"en": "week", "zh": "周"},
    "period.month": {"en": "month", "zh": "月"},
    "period.quarter": {"en": "quarter", "zh": "季度"},
    "period.year": {"en": "year", "zh": "年"},
    "formula.count": {
        "en": "count of {dataset} rows where {where}",
        "zh": "{dataset} 中满足 {where} 的行数",
    },
    "formula.sum": {
        "en": "sum of {column} over {dataset} rows where {where}",
        "zh": "{dataset} 中满足 {where} 的行的 {column} 之和",
    },
    "formula.share": {
        "en": "{dataset} rows where {where} ÷ rows where {among}",
        "zh": "{dataset} 中满足 {where} 的行数 ÷ 满足 {among} 的行数",
    },
    "formula.mean": {
        "en": "mean of {column} over {dataset} rows where {where}",
        "zh": "{dataset} 中满足 {where} 的行的 {column} 平均值",
    },
    "formula.ratio": {
        "en": "{scale} × count of {numerator} ÷ count of {denominator}",
        "zh": "{scale} × {numerator} 的计数 ÷ {denominator} 的计数",
    },
    "formula.nps": {
        "en": "% of {column} answers 9–10 minus % of answers 0–6 ({dataset})",
        "zh": "{dataset} 中 {column} 为 9–10 的比例减去 0–6 的比例",
    },
    "formula.churn": {
        "en": "customers of {dataset} active at the period start and lost in it ÷ customers active at its start",
        "zh": "{dataset} 中期初活跃且期内流失的客户数 ÷ 期初活跃客户数",
    },
    "formula.composite": {
        "en": "weighted shortfall from target of: {components}",
        "zh": "以下指标相对目标差距的加权平均：{components}",
    },
    "formula.all_rows": {"en": "all rows", "zh": "全部行"},
    # --- registers ---
    "registers.title": {"en": "Registers", "zh": "登记册"},
    "registers.intro": {
        "en": "The records of the management cycle, kept as data files and judged against the data as of {date}.",
        "zh": "管理循环的记录以数据文件保存，并依据截至 {date} 的数据进行判定。",
    },
    "registers.name.complaints": {"en": "Complaints", "zh": "投诉"},
    "registers.name.feedback": {"en": "Customer feedback", "zh": "客户反馈"},
    "registers.name.actions": {"en": "Improvement actions", "zh": "改进措施"},
    "registers.name.training": {"en": "Training", "zh": "培训"},
    "registers.name.audits": {"en": "Internal audits", "zh": "内部审核"},
    # --- registers: risks and opportunities ---
    "registers.name.risks": {"en": "Risks and opportunities", "zh": "风险和机遇"},
    "registers.kind.risk": {"en": "risk or opportunity", "zh": "风险或机遇"},
    "risks.title": {"en": "Risks and opportunities", "zh": "风险和机遇"},
    "risks.intro": {
        "en": "The risks and opportunities the service has determined (ISO 9001 6.1), their treatment and their next review, as of {date}.",
        "zh": "本服务确定的风险和机遇（ISO 9001 6.1）、其应对措施及下次评审日期，截至 {date}。",
    },
    "risks.summary": {
        "en": "{entries} entries (risks: {risks}, opportunities: {opportunities}); open: {open}, treated: {treated}, closed: {closed}; reviews overdue: {overdue}.",
        "zh": "共 {entries} 条（风险 {risks} 条，机遇 {opportunities} 条）；未处理：{open}，已应对：{treated}，已关闭：{closed}；评审逾期：{overdue}。",
    },
    "risks.kind.risk": {"en": "risk", "zh": "风险"},
    "risks.kind.opportunity": {"en": "opportunity", "zh": "机遇"},
    "risks.status.open": {"en": "open", "zh": "未处理"},
    "risks.status.treated": {"en": "treated", "zh": "已应对"},
    "risks.status.closed": {"en": "closed", "zh": "已关闭"},
    "risks.col.id": {"en": "Id", "zh": "编号"},
    "risks.col.kind": {"en": "Kind", "zh": "类别"},
    "risks.col.title": {"en": "Title", "zh": "标题"},
    "risks.col.likelihood": {"en": "Likelihood", "zh": "可能性"},
    "risks.col.impact": {"en": "Impact", "zh": "影响"},
    "risks.col.score": {"en": "Score", "zh": "分值"},
    "risks.col.owner": {"en": "Owner", "zh": "负责人"},
    "risks.col.status": {"en": "Status", "zh": "状态"},
    "risks.col.review_on": {"en": "Next review", "zh": "下次评审"},
    "risks.col.actions": {"en": "Actions", "zh": "措施"},
    "risks.col.procedures": {"en": "Procedures", "zh": "程序"},
    "risks.col.description": {"en": "Description", "zh": "描述"},
    "risks.col.treatment": {"en": "Treatment", "zh": "应对"},
    "risks.col.clauses": {"en": "Clauses", "zh": "条款"},
    "risks.score_text": {
        "en": "{score} (likelihood {likelihood} × impact {impact})",
        "zh": "{score}（可能性 {likelihood} × 影响 {impact}）",
    },
    "risks.overdue_by": {"en": "overdue by {days} days", "zh": "已逾期 {days} 天"},
    "risks.heat_map": {"en": "Heat map of open risks", "zh": "未处理风险热力图"},
    "risks.heat_map_intro": {
        "en": "Open risks counted by likelihood (rows) and impact (columns), 1 lowest to 5 highest; treated and closed risks and opportunities are not counted.",
        "zh": "按可能性（行）和影响（列）统计的未处理风险，1 为最低、5 为最高；已应对或已关闭的风险以及机遇不计入。",
    },
    "risks.chart.title": {
        "en": "Open risks by likelihood and impact",
        "zh": "按可能性和影响统计的未处理风险",
    },
    "risks.chart.open_risks": {"en": "Open risks", "zh": "未处理风险"},
    "risks.chart.description": {
        "en": "{title}: a 5 by 5 grid of likelihood against impact, {open} open risks in all; each cell shows its count.",
        "zh": "{title}：可能性与影响的 5×5 网格，共 {open} 个未处理风险；每格标出其数量。",
    },
    "risks.by_score": {"en": "Entries by score", "zh": "按分值排列的条目"},
    "risks.by_score_intro": {
        "en": "Score = likelihood × impact, highest first. A review date before {date} on an entry not closed is flagged ✖ overdue.",
        "zh": "分值 = 可能性 × 影响，从高到低。未关闭条目的评审日期早于 {date} 时标记为 ✖ 逾期。",
    },
    "risks.details": {"en": "Entries", "zh": "条目详情"},
    "risks.attention_group": {"en": "Risks and opportunities", "zh": "风险和机遇"},
    "risks.attention_overdue": {
        "en": "{entry} (score {score}): review due on {date}, {days} days overdue; owner {owner}",
        "zh": "{entry}（分值 {score}）：应于 {date} 评审，已逾期 {days} 天；负责人 {owner}",
    },
    "risks.review_e": {
        "en": "{link} on {date}: {open} open, {treated} treated (reviews overdue: {overdue}).",
        "zh": "{link}（截至 {date}）：未处理 {open} 条，已应对 {treated} 条（评审逾期：{overdue} 条）。",
    },
    "risks.bad_score": {
        "en": "must be a whole number from 1 to 5, got {value}",
        "zh": "必须是 1 到 5 之间的整数，实际为 {value}",
    },
    "risks.duplicate": {
        "en": 'id "{id}" is already used on line {line}',
        "zh": "编号“{id}”已在第 {line} 行使用",
    },
    "risks.same_anchor": {
        "en": 'id "{id}" would share its link with "{other}" (line {line}): make them differ in letters or digits',
        "zh": "编号“{id}”与“{other}”（第 {line} 行）的链接相同：请使二者的字母或数字不同",
    },
    "risks.bad_prefix": {
        "en": 'id "{id}" of kind {kind} must start with "{prefix}"',
        "zh": "{kind}的编号“{id}”必须以“{prefix}”开头",
    },
    "registers.not_kept": {
        "en": "Not kept in this project: add {file} to start it.",
        "zh": "本项目未保存此登记册：添加 {file} 即可开始。",
    },
    # --- registers: management reviews ---
    "registers.name.reviews": {"en": "Management reviews held", "zh": "已召开的管理评审"},
    "reviews.bad_period": {
        "en": 'period "{period}" must be a year, a quarter or a month: 2026, 2026-Q3 or 2026-09',
        "zh": "期间“{period}”必须是年、季度或月份：2026、2026-Q3 或 2026-09",
    },
    "reviews.duplicate": {
        "en": 'review "{id}" is listed twice (first at line {line})',
        "zh": "评审“{id}”重复列出（首次在第 {line} 行）",
    },
    "reviews.same_anchor": {
        "en": 'review "{id}" lands on the same page anchor as "{other}" (line {line}): rename one',
        "zh": "评审“{id}”与“{other}”（第 {line} 行）的页面锚点相同：请重命名其一",
    },
    "reviews.held_future": {
        "en": "held on {date}, after the as-of date {today}: record a review once it is held",
        "zh": "召开日期 {date} 晚于判定日期 {today}：请在评审召开后再记录",
    },
    "reviews.held_before_period": {
        "en": "held on {date}, before the period {period} it reviews begins",
        "zh": "召开日期 {date} 早于所评审的期间 {period} 的开始",
    },
    "reviews.title": {"en": "Management reviews held", "zh": "已召开的管理评审"},
    "reviews.intro": {
        "en": (
            "The record of every management review held (ISO 9001 9.3): the period reviewed, "
            "who took part and the decisions by output of 9.3.3, as of {date}."
        ),
        "zh": "每次已召开的管理评审的记录（ISO 9001 9.3）：所评审的期间、参加人员及按 9.3.3 输出分类的决定，截至 {date}。",
    },
    "reviews.summary": {
        "en": (
            "{reviews} reviews held; latest {latest} on {date} (period {period}); "
            "{decisions} decisions, {actions} improvement actions."
        ),
        "zh": "已召开 {reviews} 次评审；最近一次 {latest}，于 {date}（期间 {period}）；{decisions} 项决定，{actions} 项改进措施。",
    },
    "reviews.list": {"en": "Reviews held", "zh": "已召开的评审"},
    "reviews.col.review": {"en": "Review", "zh": "评审"},
    "reviews.col.period": {"en": "Period reviewed", "zh": "评审期间"},
    "reviews.col.held_on": {"en": "Held on", "zh": "召开日期"},
    "reviews.col.chair": {"en": "Chair", "zh": "主持人"},
    "reviews.col.attendees": {"en": "Attendees", "zh": "参加人员"},
    "reviews.col.decisions": {"en": "Decisions", "zh": "决定"},
    "reviews.col.actions": {"en": "Actions", "zh": "措施"},
    "reviews.col.minutes": {"en": "Minutes", "zh": "会议纪要"},
    "reviews.output.improvement": {
        "en": "a) Opportunities for improvement",
        "zh": "a) 改进的机会",
    },
    "reviews.output.qms_changes": {
        "en": "b) Changes needed to the quality management system",
        "zh": "b) 质量管理体系所需的变更",
    },
    "reviews.output.resources": {"en": "c) Resource needs", "zh": "c) 资源需求"},
    "reviews.no_decision": {"en": "No decision recorded.", "zh": "未记录决定。"},
    "reviews.held_title": {"en": "Review held", "zh": "评审召开情况"},
    "reviews.not_held": {"en": "No review held", "zh": "未召开评审"},
    "reviews.none_held": {
        "en": (
            "No management review of {period} is recorded as held: once it is held, record "
            "it in {file}."
        ),
        "zh": "没有记录 {period} 的管理评审已召开：评审召开后，请记入 {file}。",
    },
    "registers.open_register": {"en": "Open the register", "zh": "打开登记册"},
    "registers.not_mapping": {
        "en": "expected a mapping of registers (complaints, feedback)",
        "zh": "应为登记册的映射（complaints、feedback）",
    },
    "registers.unknown_section": {
        "en": 'unknown register "{key}": registers.yml sets up complaints and feedback{hint}',
        "zh": "未知的登记册“{key}”：registers.yml 只设置 complaints 和 feedback{hint}",
    },
    "registers.unknown_reference": {
        "en": 'unknown {kind} "{id}"{hint}',
        "zh": "未知的{kind}“{id}”{hint}",
    },
    "registers.kind.complaint": {"en": "complaint", "zh": "投诉"},
    "registers.kind.action": {"en": "improvement action", "zh": "改进措施"},
    "registers.kind.indicator": {"en": "indicator", "zh": "指标"},
    "registers.kind.finding": {"en": "audit finding", "zh": "审核发现"},
    "registers.kind.audit": {"en": "audit", "zh": "审核"},
    "registers.kind.document": {"en": "document", "zh": "文件"},
    "registers.kind.course": {"en": "course", "zh": "课程"},
    "registers.kind.person": {"en": "person", "zh": "人员"},
    "registers.kind.role": {"en": "role", "zh": "角色"},
    "registers.unknown_register": {
        "en": 'unknown register "{name}"{hint}',
        "zh": "未知的登记册“{name}”{hint}",
    },
    # --- registers: complaints ---
    "complaints.at_key": {"en": "{key}: {message}", "zh": "{key}：{message}"},
    "complaints.not_positive": {
        "en": "must be more than 0, got {value}",
        "zh": "必须大于 0，实际为 {value}",
    },
    "complaints.age_days_increasing": {
        "en": "age_days must be increasing whole numbers of days above 0, e.g. [7, 15, 30, 60]",
        "zh": "age_days 须为大于 0 且递增的天数，例如 [7, 15, 30, 60]",
    },
    "complaints.unknown_dataset": {
        "en": 'unknown dataset "{name}": declare it in datasets.yml{hint}',
        "zh": "未知的数据集“{name}”：请在 datasets.yml 中声明{hint}",
    },
    "complaints.unknown_column": {
        "en": 'the dataset "{dataset}" has no column "{column}" for the role {role}{hint}',
        "zh": "数据集“{dataset}”中没有用于角色 {role} 的列“{column}”{hint}",
    },
    "complaints.column_type": {
        "en": 'column "{column}" (role {role}) is of type {type}; the role needs {allowed}',
        "zh": "列“{column}”（角色 {role}）的类型为 {type}；该角色需要 {allowed}",
    },
    "complaints.unknown_hours_column": {
        "en": 'the dataset "{dataset}" has no column "{column}"{hint}',
        "zh": "数据集“{dataset}”中没有列“{column}”{hint}",
    },
    "complaints.hours_type": {
        "en": 'column "{column}" is of type {type}; hours need {allowed}',
        "zh": "列“{column}”的类型为 {type}；小时数需要 {allowed}",
    },
    "complaints.standards_need_severity": {
        "en": "standards by severity need a severity column (columns.severity)",
        "zh": "按严重程度设定的标准需要严重程度列（columns.severity）",
    },
    "complaints.unknown_severity": {
        "en": 'unknown severity "{value}"{hint}',
        "zh": "未知的严重程度“{value}”{hint}",
    },
    "complaints.missing_standards": {
        "en": "no standard for severity {values}",
        "zh": "以下严重程度没有标准：{values}",
    },
    "complaints.rate_needs_time": {
        "en": 'the dataset "{dataset}" has no time column: set rate.time',
        "zh": "数据集“{dataset}”没有时间列：请设置 rate.time",
    },
    "complaints.unknown_time_column": {
        "en": 'the dataset "{dataset}" has no column "{column}"{hint}',
        "zh": "数据集“{dataset}”中没有列“{column}”{hint}",
    },
    "complaints.time_type": {
        "en": 'column "{column}" is of type {type}; it must be a datetime',
        "zh": "列“{column}”的类型为 {type}；必须为 datetime",
    },
    "complaints.before_received": {
        "en": "{value} is earlier than the time the complaint was received",
        "zh": "{value} 早于投诉的接收时间",
    },
    "complaints.intro": {
        "en": "The complaint register (ISO 10002), kept in {file} and judged as of {date}."
        " Customer ids are used to find repeat complaints and are never shown.",
        "zh": "投诉登记册（ISO 10002），保存在 {file} 中，依据截至 {date} 的情况判定。"
        "客户编号仅用于识别重复投诉，从不显示。",
    },
    "complaints.action_needed.yes": {"en": "yes", "zh": "是"},
    "complaints.action_needed.no": {"en": "no", "zh": "否"},
    "complaints.action_needed_unlinked": {
        "en": 'action needed is "{value}" but no improvement action is linked in column'
        " {action}: link the action raised, or record no with the reason",
        "zh": "需采取措施为“{value}”，但 {action} 列未关联改进措施：请关联所采取的措施，"
        "或记录为否并说明理由",
    },
    "complaints.decisions": {
        "en": "Upheld complaints without a decision",
        "zh": "未作处理决定的成立投诉",
    },
    "complaints.decisions_not_recorded": {
        "en": "Decisions whether corrective action is needed are not recorded (ISO 9001"
        " 10.2.1 b): add a yes/no column for the role {role}, and a text column for the"
        " role {reason} (why), under complaints.columns in {file}.",
        "zh": "未记录是否需要采取纠正措施的决定（ISO 9001 10.2.1 b）：请在 {file} 的"
        " complaints.columns 下为角色 {role} 添加是/否列，并为角色 {reason}（理由）添加文本列。",
    },
    "complaints.decisions_intro": {
        "en": "Each upheld or partly upheld complaint records whether corrective action is"
        " needed and why (ISO 9001 10.2.1 b); a yes links the action raised."
        " {decided} of {upheld} upheld complaint(s) have a decision; {count} have none,"
        " {recent} of them with the final response in the last {days} days (those are on"
        " the dashboard).",
        "zh": "每项成立或部分成立的投诉都记录是否需要采取纠正措施及其理由（ISO 9001 10.2.1 b）；"
        "需要时关联所采取的改进措施。{upheld} 项成立投诉中 {decided} 项已有决定；{count} 项尚无决定，"
        "其中 {recent} 项的最终答复在最近 {days} 天内（列入仪表板）。",
    },
    "complaints.attention_undecided": {
        "en": "{count} upheld complaint(s) closed in the last {days} days have no decision"
        " whether corrective action is needed: [see the register]({link})",
        "zh": "最近 {days} 天内结案的 {count} 项成立投诉尚未决定是否需要采取纠正措施："
        "[查看登记册]({link})",
    },
    "complaints.col.action_needed": {"en": "Action needed", "zh": "需采取措施"},
    "complaints.col.decision": {"en": "Decision", "zh": "决定理由"},
    "complaints.summary": {
        "en": "**{total}** complaints from {first} to {last}: **{open}** open, **{overdue}**"
        " past their resolution standard; {repeat} repeat complaints (same customer and"
        " category within {days} days).",
        "zh": "{first} 至 {last} 共 **{total}** 件投诉：**{open}** 件未结，**{overdue}** 件"
        "超过解决标准；重复投诉占 {repeat}（同一客户、同一类别、{days} 天内）。",
    },
    "complaints.none": {"en": "No complaints recorded.", "zh": "尚无投诉记录。"},
    "complaints.volume": {"en": "Volume and rate", "zh": "数量与比率"},
    "complaints.rate_title": {
        "en": "Complaints per {per} {dataset}",
        "zh": "每 {per} 条 {dataset} 的投诉数",
    },
    "complaints.categories": {"en": "Categories", "zh": "投诉类别"},
    "complaints.causes": {"en": "Root causes", "zh": "根本原因"},
    "complaints.causes_missing": {
        "en": "{count} complaint(s) have no root cause recorded yet and are not counted here.",
        "zh": "{count} 件投诉尚未记录根本原因，未计入此处。",
    },
    "complaints.targets": {
        "en": "Acknowledgement and resolution against target",
        "zh": "确认与解决的达标情况",
    },
    "complaints.targets_chart": {
        "en": "Share within target, by month received",
        "zh": "按接收月份的达标比例",
    },
    "complaints.ack_target": {
        "en": "Acknowledge within **{hours} {clock}** of receipt: {share} ({within} of {judged}).",
        "zh": "接收后 **{hours} {clock}**内确认：{share}（{judged} 件中 {within} 件）。",
    },
    "complaints.res_target": {
        "en": "Final response within the standard of the severity, in calendar days"
        " ({standards}): {share} ({within} of {judged}).",
        "zh": "按严重程度在标准日历天数内作出最终答复（{standards}）：{share}"
        "（{judged} 件中 {within} 件）。",
    },
    "complaints.targets_rule": {
        "en": "Counted in the month received. A complaint not yet acknowledged, or still open,"
        " counts as missed once past its target and is not judged before; calendar days run"
        " from the day received to the day of the final response.",
        "zh": "按接收月份统计。尚未确认或仍未解决的投诉，超过目标后计为未达标，之前不作判定；"
        "日历天数自接收当日起算至最终答复当日。",
    },
    "complaints.business_hours": {"en": "business hours", "zh": "个工作小时"},
    "complaints.hours": {"en": "hours", "zh": "小时"},
    "complaints.series.acknowledged": {"en": "acknowledged in time", "zh": "按时确认"},
    "complaints.series.resolved": {"en": "resolved within standard", "zh": "在标准内解决"},
    "complaints.ages": {"en": "Open complaints by age", "zh": "未结投诉账龄"},
    "complaints.ages_intro": {
        "en": "On {date}: {open} open complaint(s), {overdue} past their resolution standard."
        " Age is counted in calendar days from the day received.",
        "zh": "截至 {date}：{open} 件未结投诉，其中 {overdue} 件超过解决标准。"
        "账龄按自接收当日起的日历天数计算。",
    },
    "complaints.overdue_list": {
        "en": "Open past their resolution standard, most overdue first:",
        "zh": "超过解决标准的未结投诉（超期最久者在前）：",
    },
    "complaints.within_standard": {"en": "within standard", "zh": "在标准内"},
    "complaints.past_standard": {"en": "past standard", "zh": "超过标准"},
    "complaints.open": {"en": "open", "zh": "未结"},
    "complaints.repeats": {"en": "Repeat complaints", "zh": "重复投诉"},
    "complaints.repeat_rule.received": {
        "en": "A repeat complaint is one by the same customer, in the same category, received"
        " within {days} calendar days of the receipt of their previous complaint.",
        "zh": "重复投诉指同一客户、同一类别、在其上一件投诉接收后 {days} 个日历日内收到的投诉。",
    },
    "complaints.repeat_rule.final_response": {
        "en": "A repeat complaint is one by the same customer, in the same category, received"
        " within {days} calendar days of the final response to an earlier complaint, or while"
        " an earlier one is still open.",
        "zh": "重复投诉指同一客户、同一类别、在先前投诉最终答复后 {days} 个日历日内"
        "（或先前投诉仍未结时）收到的投诉。",
    },
    "complaints.repeat_total": {
        "en": "{count} repeat complaint(s), {share} of all complaints.",
        "zh": "重复投诉 {count} 件，占全部投诉的 {share}。",
    },
    "complaints.outcomes": {"en": "Outcome and satisfaction", "zh": "处理结果与满意度"},
    "complaints.satisfied_total": {
        "en": "Customers satisfied with the handling of their complaint: {share}"
        " ({yes} of {answered} who answered).",
        "zh": "对投诉处理表示满意的客户：{share}（{answered} 位作答者中 {yes} 位）。",
    },
    "complaints.satisfied.yes": {"en": "satisfied", "zh": "满意"},
    "complaints.satisfied.no": {"en": "not satisfied", "zh": "不满意"},
    "complaints.satisfied.unknown": {"en": "not recorded", "zh": "未记录"},
    "complaints.list": {"en": "All complaints", "zh": "全部投诉"},
    "complaints.list_intro": {
        "en": "Every complaint without personal data; click a heading to sort."
        " Acknowledged: hours from receipt; resolved: calendar days to the final response.",
        "zh": "全部投诉（不含个人数据）；点击表头可排序。确认：自接收起的小时数；"
        "解决：至最终答复的日历天数。",
    },
    "complaints.attention_group": {"en": "Complaints", "zh": "投诉"},
    "complaints.attention_item": {
        "en": "{link} ({severity}, received {received}) is open {days} day(s) past its"
        " {standard} standard",
        "zh": "{link}（{severity}，{received} 接收）未结，已超过 {standard} 标准 {days} 天",
    },
    "complaints.attention_more": {
        "en": "and {count} more complaint(s) open past their standard: [see the register]({link})",
        "zh": "另有 {count} 件投诉超过标准未结：[查看登记册]({link})",
    },
    "complaints.chart.complaints": {"en": "Complaints", "zh": "投诉数"},
    "complaints.chart.share_within": {"en": "Share within target", "zh": "达标比例"},
    "complaints.chart.age_days": {"en": "Age (days)", "zh": "账龄（天）"},
    "complaints.chart.open": {"en": "Open complaints", "zh": "未结投诉"},
    "complaints.chart.repeats": {"en": "Repeat complaints", "zh": "重复投诉"},
    "complaints.chart.closed": {"en": "Closed complaints", "zh": "已结投诉"},
    "complaints.chart.volume_description": {
        "en": "{title}: complaints per month over {months} months, with the rate as a line.",
        "zh": "{title}：{months} 个月中每月的投诉数，比率以折线表示。",
    },
    "complaints.chart.within_description": {
        "en": "{title}: share of complaints within target each month ({series}).",
        "zh": "{title}：每月达标投诉的比例（{series}）。",
    },
    "complaints.chart.age_description": {
        "en": "{title}: {open} open complaints by age group, within and past their standard.",
        "zh": "{title}：{open} 件未结投诉按账龄分组，分为标准内与超过标准。",
    },
    "complaints.chart.repeat_description": {
        "en": "{title}: {count} repeat complaints, per month received.",
        "zh": "{title}：{count} 件重复投诉，按接收月份统计。",
    },
    "complaints.chart.outcome_description": {
        "en": "{title}: closed complaints by outcome ({outcomes} outcomes), split by the"
        " customer's satisfaction.",
        "zh": "{title}：已结投诉按处理结果（{outcomes} 种）统计，并按客户满意度细分。",
    },
    "complaints.col.id": {"en": "Complaint", "zh": "投诉"},
    "complaints.col.received": {"en": "Received", "zh": "接收日期"},
    "complaints.col.channel": {"en": "Channel", "zh": "渠道"},
    "complaints.col.category": {"en": "Category", "zh": "类别"},
    "complaints.col.severity": {"en": "Severity", "zh": "严重程度"},
    "complaints.col.root_cause": {"en": "Root cause", "zh": "根本原因"},
    "complaints.col.action": {"en": "Action", "zh": "改进措施"},
    "complaints.col.acknowledged": {"en": "Acknowledged (h)", "zh": "确认（小时）"},
    "complaints.col.resolved": {"en": "Resolved (days)", "zh": "解决（天）"},
    "complaints.col.outcome": {"en": "Outcome", "zh": "处理结果"},
    "complaints.col.satisfied": {"en": "Satisfied", "zh": "满意"},
    "complaints.col.repeat": {"en": "Repeat of", "zh": "重复自"},
    "complaints.col.description": {"en": "Description", "zh": "描述"},
    "complaints.col.month": {"en": "Month", "zh": "月份"},
    "complaints.col.complaints": {"en": "Complaints", "zh": "投诉数"},
    "complaints.col.share": {"en": "Share", "zh": "占比"},
    "complaints.col.cumulative": {"en": "Cumulative share", "zh": "累计占比"},
    "complaints.col.within": {"en": "Within standard", "zh": "在标准内"},
    "complaints.col.judged": {"en": "Judged", "zh": "判定数"},
    "complaints.col.standard": {"en": "Standard", "zh": "标准"},
    "complaints.col.overdue": {"en": "Open past standard", "zh": "超标准未结"},
    "complaints.col.age": {"en": "Age (days)", "zh": "账龄（天）"},
    "complaints.col.age_days": {"en": "Age (days)", "zh": "账龄（天）"},
    "complaints.col.open": {"en": "Open", "zh": "未结"},
    "complaints.col.late": {"en": "Days past standard", "zh": "超期天数"},
    "complaints.col.repeats": {"en": "Repeats", "zh": "重复投诉"},
    "complaints.col.closed": {"en": "Closed", "zh": "已结"},
    "complaints.col.satisfied_share": {"en": "Share satisfied", "zh": "满意比例"},
    # --- registers: feedback ---
    "feedback.unknown_column": {
        "en": 'the dataset has no column "{column}"{hint}',
        "zh": "数据集中没有列“{column}”{hint}",
    },
    "feedback.column_type": {
        "en": 'column "{column}" is {type}, expected {expected}',
        "zh": "列“{column}”的类型为 {type}，应为 {expected}",
    },
    "feedback.no_time": {
        "en": 'dataset "{dataset}" has no time column: declare time on the dataset or here',
        "zh": "数据集“{dataset}”没有时间列：请在数据集上或此处声明 time",
    },
    "feedback.unknown_score": {
        "en": 'unknown score "{name}"{hint}',
        "zh": "未知的评分“{name}”{hint}",
    },
    "feedback.by_twice": {
        "en": 'breakdown "{column}" is named twice',
        "zh": "细分维度“{column}”重复",
    },
    "feedback.no_scores": {
        "en": "give at least one score, with its scale and what is low",
        "zh": "至少给出一个评分，并注明其量表和何为低分",
    },
    "feedback.bad_scale": {
        "en": "scale must be [lowest, highest], the lowest below the highest",
        "zh": "scale 应为 [最低, 最高]，且最低值小于最高值",
    },
    "feedback.low_outside": {
        "en": "low must lie on the scale, from {lowest} to {highest}",
        "zh": "low 必须位于量表范围内（{lowest} 至 {highest}）",
    },
    "feedback.intro": {
        "en": "Survey responses from the dataset {dataset}, read as set up in {file}. Only counts, means and shares are published: no single response, and no comment.",
        "zh": "调查回复来自数据集 {dataset}，按 {file} 中的设置读取。只公布计数、均值和占比：不公布任何单条回复，也不公布评论。",
    },
    "feedback.no_responses": {"en": "No survey responses yet.", "zh": "暂无调查回复。"},
    "feedback.summary": {
        "en": "{responses} responses, {first} to {last}.",
        "zh": "共 {responses} 条回复（{first} 至 {last}）。",
    },
    "feedback.summary_latest": {
        "en": "Latest complete month, {month}: {responses} responses; low scores: {lows}.",
        "zh": "最近完整月份 {month}：{responses} 条回复；低分占比：{lows}。",
    },
    "feedback.summary_low": {"en": "{score} {share}", "zh": "{score} {share}"},
    "feedback.scores_title": {"en": "Scores", "zh": "评分"},
    "feedback.scores_intro": {
        "en": "How each score is read: its scale, which end is good, and what counts as a low score (a poor answer). The share low is taken over the responses that answered that question.",
        "zh": "各评分的读取方式：量表、哪一端为好，以及何为低分（差评）。低分占比以回答了该问题的回复为分母。",
    },
    "feedback.col.score": {"en": "Score", "zh": "评分"},
    "feedback.col.scale": {"en": "Scale", "zh": "量表"},
    "feedback.col.better": {"en": "Good end", "zh": "好的一端"},
    "feedback.col.low": {"en": "Low score", "zh": "低分"},
    "feedback.col.n": {"en": "Answers", "zh": "回答数"},
    "feedback.col.mean": {"en": "Mean", "zh": "均值"},
    "feedback.col.share_low": {"en": "Share low", "zh": "低分占比"},
    "feedback.col.share": {"en": "Share", "zh": "占比"},
    "feedback.col.is_low": {"en": "Low score?", "zh": "是否低分"},
    "feedback.col.month": {"en": "Month", "zh": "月份"},
    "feedback.col.all": {"en": "All", "zh": "全部"},
    "feedback.col.period": {"en": "Period", "zh": "周期"},
    "feedback.col.tag": {"en": "Tag", "zh": "标签"},
    "feedback.col.responses": {"en": "Responses with the tag", "zh": "带此标签的回复"},
    "feedback.col.with_low": {"en": "With a low score", "zh": "其中低分"},
    "feedback.col.lift": {"en": "Lift", "zh": "提升度"},
    "feedback.better.higher": {"en": "higher is better", "zh": "越高越好"},
    "feedback.better.lower": {"en": "lower is better", "zh": "越低越好"},
    "feedback.low.True": {"en": "✖ low", "zh": "✖ 低分"},
    "feedback.low.False": {"en": "—", "zh": "—"},
    "feedback.distribution_title": {"en": "{score}: answers", "zh": "{score}：回答分布"},
    "feedback.distribution_caption": {
        "en": "Answers to {score}, all responses; low scores in vermillion.",
        "zh": "{score} 的回答分布（全部回复）；低分以朱红色表示。",
    },
    "feedback.distribution_text": {
        "en": "{n} answers; {low} low ({rule}): {share}.",
        "zh": "共 {n} 个回答；低分（{rule}）{low} 个：{share}。",
    },
    "feedback.chart.answer": {"en": "Answer", "zh": "回答"},
    "feedback.chart.low": {"en": "low score", "zh": "低分"},
    "feedback.chart.other": {"en": "other answers", "zh": "其他回答"},
    "feedback.chart.responses": {"en": "Responses", "zh": "回复数"},
    "feedback.chart.distribution_description": {
        "en": "{title}: bar chart of how many responses gave each of {count} answers, low scores marked.",
        "zh": "{title}：柱状图，显示 {count} 个回答值各自的回复数，并标出低分。",
    },
    "feedback.chart.tags_description": {
        "en": "{title}: bar chart of {count} tags, responses with a low score and the others.",
        "zh": "{title}：{count} 个标签的条形图，分为低分回复与其他回复。",
    },
    "feedback.chart.scatter_description": {
        "en": "{title}: scatter plot of {count} periods.",
        "zh": "{title}：{count} 个周期的散点图。",
    },
    "feedback.comments_title": {"en": "Comments", "zh": "评论"},
    "feedback.comments_text": {
        "en": "{comments} of {responses} responses ({share}) have a comment.",
        "zh": "{responses} 条回复中有 {comments} 条（{share}）附有评论。",
    },
    "feedback.comments_low": {
        "en": "Of the responses with a low {score}, {share} have one.",
        "zh": "{score} 为低分的回复中，{share} 附有评论。",
    },
    "feedback.comments_private": {
        "en": "Comments are free text written by customers and may contain personal data, so they are not published here; they are read in the survey tool, under its access rules.",
        "zh": "评论是客户填写的自由文本，可能含有个人数据，因此不在此公布；请在调查工具中按其访问权限阅读。",
    },
    "feedback.no_comment_column": {
        "en": "No comment column is set up.",
        "zh": "未设置评论列。",
    },
    "feedback.trend_title": {"en": "Monthly trend", "zh": "月度趋势"},
    "feedback.trend_intro": {
        "en": "The mean score per month, in one panel per breakdown value, against all responses (dashed). n is the number of answers in the month; a mean over few answers moves a lot.",
        "zh": "每月平均分，每个细分取值一个面板，并与全部回复（虚线）对比。n 为当月回答数；回答少时均值波动大。",
    },
    "feedback.trend_chart_title": {"en": "{score} by {dim}", "zh": "{score}（按 {dim}）"},
    "feedback.trend_caption": {
        "en": "Mean {score} per month by {dim}; all responses dashed.",
        "zh": "按 {dim} 的每月 {score} 均值；虚线为全部回复。",
    },
    "feedback.no_trend": {"en": "No answers to show.", "zh": "没有可显示的回答。"},
    "feedback.tags_title": {"en": "Tags and low scores", "zh": "标签与低分"},
    "feedback.tags_intro": {
        "en": "Of the {n} responses that answered {score}, {low} were low ({rule}): {share}. For each tag: the responses with it (that answered {score}), how many of them were low, their share, and the lift, the share divided by that overall share: above 1, the tag comes with low scores more often than responses in general. Tags are ranked by their number of low scores.",
        "zh": "回答了 {score} 的 {n} 条回复中，低分（{rule}）{low} 条：{share}。每个标签列出：带该标签（且回答了 {score}）的回复数、其中低分数、低分占比，以及提升度（该占比除以总体低分占比）：大于 1 表示该标签比一般回复更常伴随低分。标签按低分数排序。",
    },
    "feedback.tags_shown": {
        "en": "The {shown} tags with the most low scores, of {total} tags in all.",
        "zh": "共 {total} 个标签，显示低分最多的 {shown} 个。",
    },
    "feedback.no_tags": {"en": "No response carries a tag.", "zh": "没有回复带有标签。"},
    "feedback.tags_chart_title": {
        "en": "Tags by number of low {score} scores",
        "zh": "按 {score} 低分数排列的标签",
    },
    "feedback.tags_caption": {
        "en": "Responses per tag: with a low {score} (vermillion) and the others (blue).",
        "zh": "各标签的回复数：{score} 低分（朱红色）与其他（蓝色）。",
    },
    "feedback.no_rises": {
        "en": "No tag needs attention: none has a share of low scores in {month} at least {rise} percentage points above its share in {before}, with at least {min_n} responses with the tag in each.",
        "zh": "没有需要关注的标签：没有任何标签在 {month} 的低分占比比 {before} 高出 {rise} 个百分点或以上（且两者均至少有 {min_n} 条带该标签的回复）。",
    },
    "feedback.rises_intro": {
        "en": "Tags needing attention: their share of low scores in {month} is at least {rise} percentage points above their share in {before}, with at least {min_n} responses with the tag in each.",
        "zh": "需要关注的标签：其在 {month} 的低分占比比 {before} 高出 {rise} 个百分点或以上（且两者均至少有 {min_n} 条带该标签的回复）。",
    },
    "feedback.rise": {
        "en": 'Tag "{tag}": {share} low {score} in {month} ({low} of {n}), up from {base_share} in {before} ({base_low} of {base_n})',
        "zh": "标签“{tag}”：{month} {score} 低分占比 {share}（{n} 条中 {low} 条），{before} 为 {base_share}（{base_n} 条中 {base_low} 条）",
    },
    "feedback.attention_group": {
        "en": "Customer feedback: tags with more low scores",
        "zh": "客户反馈：低分增多的标签",
    },
    "feedback.compare_title": {
        "en": "What customers say and what the indicators show",
        "zh": "客户的评价与指标的表现",
    },
    "feedback.compare_intro": {
        "en": "Each chart sets an indicator of what customers say against an indicator of the service, one point per complete period. Pearson's r measures how closely the two move together in a straight line: from −1 to +1, 0 meaning no linear relation.",
        "zh": "每张图将反映客户评价的指标与服务指标对照，每个完整周期一个点。皮尔逊相关系数 r 衡量两者呈直线同向变化的程度：取值 −1 至 +1，0 表示无线性关系。",
    },
    "feedback.caution_title": {"en": "Correlation is not cause", "zh": "相关不等于因果"},
    "feedback.caution": {
        "en": "Two indicators can move together because something else drives both (the season, the volume of contacts, a change of product), or by chance over few periods. A correlation suggests where to look; it does not show that changing one would change the other.",
        "zh": "两个指标同向变化，可能是因为其他因素同时影响两者（季节、来访量、产品变化），也可能是周期较少时的偶然。相关性提示应关注之处，但并不说明改变其一就会改变另一个。",
    },
    "feedback.compare_chart_title": {
        "en": "{customer} against {service}",
        "zh": "{customer} 与 {service}",
    },
    "feedback.compare_links": {
        "en": "Customers: {customer}. Service: {service}.",
        "zh": "客户评价：{customer}。服务指标：{service}。",
    },
    "feedback.compare_caption": {
        "en": "{customer} (up) against {service} (across), one point per period.",
        "zh": "{customer}（纵轴）与 {service}（横轴），每个周期一个点。",
    },
    "feedback.r_text": {
        "en": "Over {n} {periods}, r = {r}: {strength}.",
        "zh": "在 {n} 个{periods}中，r = {r}：{strength}。",
    },
    "feedback.r_unknown": {
        "en": "{n} {periods} with both values: too few, or one of them never varies, to compute a correlation (at least 3 are needed).",
        "zh": "两者均有数值的{periods}共 {n} 个：数量太少或其中一个没有变化，无法计算相关系数（至少需要 3 个）。",
    },
    "feedback.r_relation": {
        "en": "In {periods} when {service} was higher, {customer} tended to be {direction}.",
        "zh": "在 {service} 较高的{periods}，{customer} 往往{direction}。",
    },
    "feedback.strength.none": {
        "en": "hardly any linear relation",
        "zh": "几乎没有线性关系",
    },
    "feedback.strength.weak": {"en": "a weak {sign} relation", "zh": "弱{sign}"},
    "feedback.strength.moderate": {"en": "a moderate {sign} relation", "zh": "中等{sign}"},
    "feedback.strength.strong": {"en": "a strong {sign} relation", "zh": "强{sign}"},
    "feedback.sign.positive": {"en": "positive", "zh": "正相关"},
    "feedback.sign.negative": {"en": "negative", "zh": "负相关"},
    "feedback.direction.higher": {"en": "higher", "zh": "较高"},
    "feedback.direction.lower": {"en": "lower", "zh": "较低"},
    "feedback.periods.week": {"en": "weeks", "zh": "周"},
    "feedback.periods.month": {"en": "months", "zh": "月"},
    "feedback.periods.quarter": {"en": "quarters", "zh": "季度"},
    "feedback.periods.year": {"en": "years", "zh": "年"},
    # --- registers: actions ---
    "actions.source_needs_refs": {
        "en": 'a source of type "{type}" names its items in "refs"',
        "zh": "类型为“{type}”的来源须在“refs”中列出其条目",
    },
    "actions.root_cause_empty": {
        "en": 'give the root cause a "category", the "whys", or both',
        "zh": "根本原因须给出“category”、“whys”或两者",
    },
    "actions.breakdown_one": {
        "en": "a breakdown names exactly one dimension and its value, e.g. {channel: chat}",
        "zh": "细分须恰好指定一个维度及其取值，例如 {channel: chat}",
    },
    "actions.bad_window": {
        "en": '"{window}" is not a window of whole periods: write "2025-09..2026-02" (or one period, "2026-03"); both ends of the same kind',
        "zh": "“{window}”不是由完整周期组成的窗口：请写为“2025-09..2026-02”（或单个周期“2026-03”），两端须为同类周期",
    },
    "actions.window_backwards": {
        "en": '"{window}" ends before it starts',
        "zh": "“{window}”的结束早于开始",
    },
    "actions.bad_id": {
        "en": 'action id "{id}" may hold only letters, digits, ".", "_" and "-" (e.g. ACT-2026-002)',
        "zh": "措施编号“{id}”只能包含字母、数字、“.”、“_”和“-”（例如 ACT-2026-002）",
    },
    "actions.duplicate_id": {
        "en": 'duplicate action id "{id}" (first used on line {line})',
        "zh": "重复的措施编号“{id}”（首次用于第 {line} 行）",
    },
    "actions.closed_needs_date": {
        "en": 'a closed action needs its closing date: add "closed: YYYY-MM-DD"',
        "zh": "已关闭的措施须有关闭日期：请添加“closed: YYYY-MM-DD”",
    },
    "actions.date_needs_closed": {
        "en": 'a closing date is given but the status is "{status}": set "status: closed" or remove the date',
        "zh": "已给出关闭日期，但状态为“{status}”：请设为“status: closed”或删除该日期",
    },
    "actions.closed_before_opened": {
        "en": "closed on {closed}, before it was opened on {opened}",
        "zh": "关闭日期 {closed} 早于开立日期 {opened}",
    },
    "actions.closed_step_open": {
        "en": "the action is closed but step {step} is not done: record its done date, or reopen the action",
        "zh": "措施已关闭但第 {step} 步未完成：请记录完成日期，或重新开启措施",
    },
    "actions.done_after_closed": {
        "en": "step {step} was done on {done}, after the action was closed on {closed}",
        "zh": "第 {step} 步完成于 {done}，晚于措施关闭日期 {closed}",
    },
    "actions.windows_differ": {
        "en": "the baseline and the follow-up must be written in the same kind of period",
        "zh": "基线窗口与跟踪窗口须使用同类周期",
    },
    "actions.follow_up_not_after": {
        "en": "the follow-up must start after the baseline: it starts in {first}, the baseline ends in {last}",
        "zh": "跟踪窗口须在基线之后开始：它始于 {first}，而基线止于 {last}",
    },
    "actions.window_period": {
        "en": "indicator {indicator} is computed per {period}: write its windows as {example}",
        "zh": "指标 {indicator} 按{period}计算：窗口请写为 {example} 的形式",
    },
    "actions.period.week": {"en": "week", "zh": "周"},
    "actions.period.month": {"en": "month", "zh": "月"},
    "actions.period.quarter": {"en": "quarter", "zh": "季度"},
    "actions.period.year": {"en": "year", "zh": "年"},
    "actions.no_target": {
        "en": "indicator {indicator} has no target, so the follow-up cannot be required to meet one",
        "zh": "指标 {indicator} 没有目标值，因此不能要求跟踪窗口达标",
    },
    "actions.unknown_dimension": {
        "en": 'indicator {indicator} is not broken down by "{dim}" (its breakdowns: {by}){hint}',
        "zh": "指标 {indicator} 没有按“{dim}”细分（其细分：{by}）{hint}",
    },
    "actions.unknown_dim_value": {
        "en": '"{value}" is not a value of {dim} in datasets.yml{hint}',
        "zh": "“{value}”不是 datasets.yml 中 {dim} 的取值{hint}",
    },
    "actions.title": {"en": "Improvement actions", "zh": "改进措施"},
    "actions.intro": {
        "en": "Corrective and preventive actions under QP-08, each followed through plan, do, check and act, with its effect judged from the indicators as of {date}.",
        "zh": "依据 QP-08 的纠正措施与预防措施，每项措施按策划、实施、检查、处置推进，其效果依据截至 {date} 的指标判定。",
    },
    "actions.none": {"en": "No actions are recorded.", "zh": "尚未记录任何措施。"},
    "actions.by_stage": {"en": "By PDCA stage", "zh": "按 PDCA 阶段"},
    "actions.all": {"en": "All actions", "zh": "全部措施"},
    "actions.col.id": {"en": "Action", "zh": "措施"},
    "actions.col.title": {"en": "Title", "zh": "标题"},
    "actions.col.kind": {"en": "Kind", "zh": "类型"},
    "actions.col.source": {"en": "Source", "zh": "来源"},
    "actions.col.owner": {"en": "Owner", "zh": "负责人"},
    "actions.col.status": {"en": "Status", "zh": "状态"},
    "actions.col.opened": {"en": "Opened", "zh": "开立日期"},
    "actions.col.next_due": {"en": "Next step due", "zh": "下一步到期"},
    "actions.col.effectiveness": {"en": "Effectiveness", "zh": "有效性"},
    "actions.col.field": {"en": "Field", "zh": "项目"},
    "actions.col.value": {"en": "Value", "zh": "值"},
    "actions.col.number": {"en": "#", "zh": "序号"},
    "actions.col.what": {"en": "Step", "zh": "步骤"},
    "actions.col.due": {"en": "Due", "zh": "到期"},
    "actions.col.done": {"en": "Done", "zh": "完成"},
    "actions.col.window": {"en": "Window", "zh": "窗口"},
    "actions.col.periods": {"en": "Periods", "zh": "周期"},
    "actions.col.n": {"en": "n", "zh": "n"},
    "actions.col.period": {"en": "Period", "zh": "周期"},
    "actions.col.target": {"en": "Target", "zh": "目标"},
    "actions.kind.corrective": {"en": "corrective", "zh": "纠正"},
    "actions.kind.preventive": {"en": "preventive", "zh": "预防"},
    "actions.source.complaint": {"en": "complaints", "zh": "投诉"},
    "actions.source.indicator": {"en": "indicator below target", "zh": "指标未达标"},
    "actions.source.signal": {"en": "control-chart signal", "zh": "控制图信号"},
    "actions.source.audit": {"en": "audit finding", "zh": "审核发现"},
    "actions.source.review": {"en": "management review", "zh": "管理评审"},
    "actions.source_refs": {"en": ": {refs}", "zh": "：{refs}"},
    "actions.more": {"en": "and {count} more", "zh": "等另 {count} 项"},
    "actions.status.plan": {"en": "plan", "zh": "策划"},
    "actions.status.do": {"en": "do", "zh": "实施"},
    "actions.status.check": {"en": "check", "zh": "检查"},
    "actions.status.act": {"en": "act", "zh": "处置"},
    "actions.status.closed": {"en": "closed", "zh": "已关闭"},
    "actions.closed_on": {"en": "{status} {date}", "zh": "{status}（{date}）"},
    "actions.overdue": {"en": "overdue", "zh": "已逾期"},
    "actions.verdict.passed": {"en": "passed", "zh": "有效"},
    "actions.verdict.failed": {"en": "failed", "zh": "无效"},
    "actions.verdict.pending": {"en": "pending", "zh": "待定"},
    "actions.verdict.not_judged": {"en": "not judged", "zh": "不评判"},
    "actions.verdict.none": {"en": "no check", "zh": "无验证"},
    "actions.summary": {
        "en": "{total} actions: {open} open, {closed} closed. Steps overdue: {overdue}. Effectiveness checks: {checks}. Closed without a passed check: {unchecked}.",
        "zh": "共 {total} 项措施：{open} 项未关闭，{closed} 项已关闭。逾期步骤：{overdue}。有效性验证：{checks}。未通过验证即关闭：{unchecked}。",
    },
    "actions.attention.overdue_group": {"en": "Overdue action steps", "zh": "逾期的措施步骤"},
    "actions.attention.overdue": {
        "en": "{link}: step {step} “{what}” was due {due} (owner: {owner})",
        "zh": "{link}：第 {step} 步“{what}”应于 {due} 完成（负责人：{owner}）",
    },
    "actions.attention.unchecked_group": {
        "en": "Actions closed without a passed effectiveness check",
        "zh": "未通过有效性验证即关闭的措施",
    },
    "actions.attention.unchecked": {
        "en": "{link}: closed {date}, effectiveness {verdict}",
        "zh": "{link}：于 {date} 关闭，有效性 {verdict}",
    },
    "actions.attention.unattended_group": {
        "en": "Indicators missing target with no open action",
        "zh": "持续未达标且无进行中措施的指标",
    },
    "actions.attention.unattended": {
        "en": "{link} missed its target in each of the latest {count} complete periods ({periods}); no open action is linked to it",
        "zh": "{link} 在最近 {count} 个完整周期（{periods}）均未达标，且没有关联的进行中措施",
    },
    "actions.problem": {"en": "Problem", "zh": "问题"},
    "actions.notes": {"en": "Result and notes", "zh": "结果与备注"},
    "actions.effectiveness": {"en": "Effectiveness check", "zh": "有效性验证"},
    "actions.no_check": {
        "en": "No effectiveness check is declared for this action.",
        "zh": "此措施未声明有效性验证。",
    },
    "actions.no_results": {
        "en": "The indicator has no results to judge the check with.",
        "zh": "该指标没有可用于判定的结果。",
    },
    "actions.root_cause": {"en": "Root cause", "zh": "根本原因"},
    "actions.no_root_cause": {"en": "Not analysed yet.", "zh": "尚未分析。"},
    "actions.category": {"en": "**Category:** {category}", "zh": "**类别：**{category}"},
    "actions.category.process": {"en": "process", "zh": "流程"},
    "actions.category.people": {"en": "people", "zh": "人员"},
    "actions.category.system": {"en": "system", "zh": "系统"},
    "actions.category.supplier": {"en": "supplier", "zh": "供方"},
    "actions.category.policy": {"en": "policy", "zh": "政策"},
    "actions.category.unknown": {"en": "unknown", "zh": "未知"},
    "actions.steps": {"en": "Steps", "zh": "步骤"},
    "actions.no_steps": {"en": "No steps planned yet.", "zh": "尚未策划步骤。"},
    "actions.linked": {"en": "Linked items", "zh": "关联条目"},
    "actions.linked.complaints": {"en": "Complaints", "zh": "投诉"},
    "actions.linked.indicators": {"en": "Indicators", "zh": "指标"},
    "actions.linked.documents": {"en": "Documents", "zh": "文件"},
    "actions.breakdown": {"en": "({dim} = {value})", "zh": "（{dim} = {value}）"},
    "actions.criterion": {
        "en": "Compares {indicator} over the baseline {baseline} with the follow-up {follow_up}; the follow-up must be better.",
        "zh": "比较 {indicator} 在基线 {baseline} 与跟踪期 {follow_up} 的值；跟踪期须更好。",
    },
    "actions.criterion_min": {
        "en": "The change must be at least {change}.",
        "zh": "变化须至少为 {change}。",
    },
    "actions.criterion_significance": {
        "en": "The improvement must be significant (one-sided two-proportion z-test, p < 0.05).",
        "zh": "改进须具有显著性（单侧两比例 z 检验，p < 0.05）。",
    },
    "actions.criterion_target": {
        "en": "The follow-up must meet the target in force at its end.",
        "zh": "跟踪期须达到其最后一个周期适用的目标。",
    },
    "actions.chart.title": {"en": "{name}: before and after", "zh": "{name}：措施前后"},
    "actions.chart.value": {"en": "value per period", "zh": "各周期值"},
    "actions.chart.target": {"en": "target", "zh": "目标"},
    "actions.chart.baseline": {"en": "baseline (pooled)", "zh": "基线（合并）"},
    "actions.chart.follow_up": {"en": "follow-up (pooled)", "zh": "跟踪期（合并）"},
    "actions.chart.description": {
        "en": "{title}, {first} to {last}: the value per period, the baseline and follow-up windows shaded with their pooled values as horizontal lines, and the target.",
        "zh": "{title}，{first} 至 {last}：各周期的值，基线与跟踪窗口以阴影标示，其合并值为水平线，并显示目标。",
    },
    "actions.change": {"en": "Change (better is +)", "zh": "变化（改善为 +）"},
    "actions.verdict_line": {"en": "**Verdict: {verdict}**", "zh": "**结论：{verdict}**"},
    "actions.points": {"en": "{value} points", "zh": "{value} 个百分点"},
    "actions.window.baseline": {"en": "Baseline", "zh": "基线"},
    "actions.window.follow_up": {"en": "Follow-up", "zh": "跟踪期"},
    "actions.state.before": {"en": "before the data", "zh": "早于数据"},
    "actions.state.unreached": {"en": "not complete yet", "zh": "尚未完整"},
    "actions.check.unreached.fail": {
        "en": "Not complete in the data yet: {periods}. The check waits for them.",
        "zh": "数据中尚未完整：{periods}。验证须等待这些周期。",
    },
    "actions.check.before_data.fail": {
        "en": "No data for {periods}: the window begins before the data.",
        "zh": "{periods} 没有数据：窗口早于数据起点。",
    },
    "actions.check.no_value.fail": {
        "en": "The {window} window has no value.",
        "zh": "{window}窗口没有值。",
    },
    "actions.check.small_n.fail": {
        "en": "The {window} window rests on {n} observations, fewer than the {min_n} needed.",
        "zh": "{window}窗口仅有 {n} 个观测值，少于所需的 {min_n} 个。",
    },
    "actions.check.direction.ok": {
        "en": "Better after than before: {change}.",
        "zh": "措施后优于措施前：{change}。",
    },
    "actions.check.direction.fail": {
        "en": "Not better after than before: {change}.",
        "zh": "措施后未优于措施前：{change}。",
    },
    "actions.check.min_change.ok": {
        "en": "The change {change} reaches the minimum of {minimum}.",
        "zh": "变化 {change} 达到最低要求 {minimum}。",
    },
    "actions.check.min_change.fail": {
        "en": "The change {change} is less than the minimum of {minimum}.",
        "zh": "变化 {change} 小于最低要求 {minimum}。",
    },
    "actions.check.significance.ok": {
        "en": "The improvement is significant: z = {z}, one-sided p {p}.",
        "zh": "改进具有显著性：z = {z}，单侧 p {p}。",
    },
    "actions.check.significance.fail": {
        "en": "The improvement is not significant: z = {z}, one-sided p {p} (p < 0.05 needed).",
        "zh": "改进不具有显著性：z = {z}，单侧 p {p}（须 p < 0.05）。",
    },
    "actions.check.target.ok": {
        "en": "The follow-up value {value} meets the target {target} in force in {period}.",
        "zh": "跟踪期的值 {value} 达到 {period} 适用的目标 {target}。",
    },
    "actions.check.target.fail": {
        "en": "The follow-up value {value} misses the target {target} in force in {period}.",
        "zh": "跟踪期的值 {value} 未达到 {period} 适用的目标 {target}。",
    },
    "actions.check.target.none": {
        "en": "No target is in force in {period}, so the follow-up value {value} cannot meet one.",
        "zh": "{period} 没有适用的目标，跟踪期的值 {value} 无法判定达标。",
    },
    # --- registers: training ---
    "training.bad_id": {
        "en": 'id "{id}" may hold only letters, digits, "-", "_" and "." (no spaces)',
        "zh": "编号“{id}”只能包含字母、数字、“-”“_”和“.”（不能有空格）",
    },
    "training.bad_interval": {
        "en": 'renewal interval "{value}" must be a number of days, weeks, months or years, e.g. "24 months"',
        "zh": '复训周期“{value}”须为天、周、月或年数，例如 "24 months"',
    },
    "training.left_before_joined": {
        "en": "left ({left}) is before joined ({joined})",
        "zh": "离职日期（{left}）早于入职日期（{joined}）",
    },
    "training.duplicate": {
        "en": '{kind} "{id}" is listed twice (first on line {line})',
        "zh": "{kind}“{id}”重复列出（首次见第 {line} 行）",
    },
    "training.unknown": {
        "en": 'unknown {kind} "{id}": not defined in this file{hint}',
        "zh": "未知的{kind}“{id}”：本文件中没有定义{hint}",
    },
    "training.future_record": {
        "en": "training on {date} is after today ({today}): record training once it is done",
        "zh": "培训日期 {date} 晚于今天（{today}）：请在培训完成后再记录",
    },
    "training.duplicate_record": {
        "en": "the same person, course and date are already recorded on line {line}",
        "zh": "同一人员、课程和日期已在第 {line} 行记录",
    },
    "training.status.current": {"en": "current", "zh": "有效"},
    "training.status.stale": {"en": "stale", "zh": "版本已过时"},
    "training.status.expired": {"en": "expired", "zh": "已过期"},
    "training.status.missing": {"en": "missing", "zh": "未培训"},
    "training.status.not_required": {"en": "not required", "zh": "不要求"},
    "training.title": {"en": "Training and communication", "zh": "培训与沟通"},
    "training.intro": {
        "en": "As of {date}: which roles need which course, who is trained on the version of each document in force, and where training is missing or out of date.",
        "zh": "截至 {date}：各角色需要哪些课程、谁已接受现行版本文件的培训，以及哪些培训缺失或已过时。",
    },
    "training.summary": {
        "en": "{people} people, {courses} courses: {coverage} of required training current ({current} of {required}); {stale} stale, {expired} expired, {missing} missing.",
        "zh": "{people} 人，{courses} 门课程：要求的培训中 {coverage} 有效（{current}/{required}）；{stale} 项版本过时，{expired} 项过期，{missing} 项未培训。",
    },
    "training.attention_group": {"en": "Training", "zh": "培训"},
    "training.attention_stale": {
        "en": "{course}: {count} of {required} people who need it not trained on {document} v{version} (in force since {date})",
        "zh": "{course}：需要此课程的 {required} 人中有 {count} 人未接受 {document} v{version} 的培训（自 {date} 起生效）",
    },
    "training.attention_expired": {
        "en": "{course}: {count} of {required} people who need it past the renewal date",
        "zh": "{course}：需要此课程的 {required} 人中有 {count} 人已超过复训日期",
    },
    "training.attention_missing": {
        "en": "{course}: {count} of {required} people who need it never trained",
        "zh": "{course}：需要此课程的 {required} 人中有 {count} 人从未培训",
    },
    "training.courses": {"en": "Courses", "zh": "课程"},
    "training.courses_intro": {
        "en": "Coverage is the share of the people who need a course whose training is current.",
        "zh": "覆盖率为需要该课程的人员中培训有效者所占的比例。",
    },
    "training.role_matrix": {"en": "Which roles need which course", "zh": "各角色需要的课程"},
    "training.needed": {"en": "needed", "zh": "需要"},
    "training.person_matrix": {"en": "Training matrix", "zh": "培训矩阵"},
    "training.legend": {"en": "Legend: {legend}.", "zh": "图例：{legend}。"},
    "training.stale": {
        "en": "Training made stale by a new document version",
        "zh": "因文件新版本而过时的培训",
    },
    "training.stale_intro": {
        "en": "The last training predates the version in force of a document the course teaches.",
        "zh": "最近一次培训早于该课程所涉文件现行版本的生效日期。",
    },
    "training.stale_by": {
        "en": "{document} v{version}, in force since {date}",
        "zh": "{document} v{version}，自 {date} 起生效",
    },
    "training.gaps": {"en": "Missing and expired training", "zh": "缺失和过期的培训"},
    "training.gaps_intro": {
        "en": "Training the person's roles require that was never done or is past its renewal date.",
        "zh": "人员角色要求但从未完成或已超过复训日期的培训。",
    },
    "training.none": {"en": "None.", "zh": "无。"},
    "training.col.course": {"en": "Course", "zh": "课程"},
    "training.col.title": {"en": "Title", "zh": "名称"},
    "training.col.documents": {"en": "Documents (version in force)", "zh": "文件（现行版本）"},
    "training.col.roles": {"en": "Roles", "zh": "角色"},
    "training.col.role": {"en": "Role", "zh": "角色"},
    "training.col.renew": {"en": "Renew every", "zh": "复训周期"},
    "training.col.required": {"en": "People who need it", "zh": "需要的人数"},
    "training.col.coverage": {"en": "Coverage", "zh": "覆盖率"},
    "training.col.person": {"en": "Person", "zh": "人员"},
    "training.col.team": {"en": "Team", "zh": "团队"},
    "training.col.stale_by": {"en": "Made stale by", "zh": "过时原因"},
    "training.col.status": {"en": "Status", "zh": "状态"},
    "training.col.people": {"en": "People", "zh": "人数"},
    "training.col.who": {"en": "Who (last trained)", "zh": "人员（最近培训日期）"},
    # --- registers: audits ---
    "audits.bad_clause": {
        "en": 'clause "{clause}" must be numbers joined by dots, e.g. "8.5.1" (quote it in YAML)',
        "zh": '条款“{clause}”须为以点分隔的数字，例如 "8.5.1"（在 YAML 中加引号）',
    },
    "audits.duplicate": {
        "en": 'id "{id}" is already used on line {line}',
        "zh": "编号“{id}”已在第 {line} 行使用",
    },
    "audits.same_anchor": {
        "en": 'id "{id}" would share its link with "{other}" (line {line}): make them differ in letters or digits',
        "zh": "编号“{id}”与“{other}”（第 {line} 行）的链接相同：请使二者的字母或数字不同",
    },
    "audits.held_future": {
        "en": "held on {date}, after today ({today}): record the date once the audit is done",
        "zh": "审核日期 {date} 晚于今天（{today}）：请在审核完成后再记录日期",
    },
    "audits.findings_not_held": {
        "en": 'audit "{audit}" has findings but no held date: findings come from an audit that took place',
        "zh": "审核“{audit}”有发现项但没有实施日期：发现项只能来自已实施的审核",
    },
    "audits.closed_before_held": {
        "en": "closed on {closed}, before the audit was held ({held})",
        "zh": "关闭日期 {closed} 早于审核实施日期（{held}）",
    },
    "audits.closed_future": {
        "en": "closed on {date}, after today ({today})",
        "zh": "关闭日期 {date} 晚于今天（{today}）",
    },
    "audits.clause_out_of_scope": {
        "en": "clause {clause} is outside the audit's scope ({scope}): add it to the scope or check the clause",
        "zh": "条款 {clause} 不在审核范围（{scope}）内：请将其加入范围或检查条款",
    },
    "audits.type.nonconformity": {"en": "nonconformity", "zh": "不符合项"},
    "audits.type.observation": {"en": "observation", "zh": "观察项"},
    "audits.type.opportunity": {"en": "opportunity for improvement", "zh": "改进机会"},
    "audits.state.held": {"en": "held", "zh": "已实施"},
    "audits.state.planned": {"en": "planned", "zh": "已计划"},
    "audits.state.overdue": {"en": "overdue", "zh": "已逾期"},
    "audits.overdue_by": {"en": "overdue by {days} days", "zh": "逾期 {days} 天"},
    "audits.title": {"en": "Internal audits", "zh": "内部审核"},
    "audits.intro": {
        "en": "As of {date}: the audit programme, planned against held, every audit with its findings, and the nonconformities still open.",
        "zh": "截至 {date}：审核方案（计划与实施对照）、每次审核及其发现项，以及仍未关闭的不符合项。",
    },
    "audits.summary": {
        "en": "{audits} audits ({held} held, {planned} planned, {overdue} overdue); {findings} findings; open nonconformities: {open}.",
        "zh": "{audits} 次审核（已实施 {held}，已计划 {planned}，逾期 {overdue}）；{findings} 项发现；未关闭的不符合项：{open}。",
    },
    "audits.attention_group": {"en": "Internal audits", "zh": "内部审核"},
    "audits.attention_open": {
        "en": "{finding}: nonconformity against clause {clause} open for {days} days (audit of {held}); action {action}",
        "zh": "{finding}：针对条款 {clause} 的不符合项已开放 {days} 天（审核于 {held}）；措施 {action}",
    },
    "audits.attention_overdue": {
        "en": "{audit}: planned for {planned}, not held ({days} days overdue)",
        "zh": "{audit}：计划于 {planned}，尚未实施（逾期 {days} 天）",
    },
    "audits.no_action": {"en": "none linked", "zh": "未关联"},
    "audits.programme": {"en": "Audit programme", "zh": "审核方案"},
    "audits.by_type": {"en": "Findings by type", "zh": "按类型统计的发现项"},
    "audits.open": {"en": "Open nonconformities", "zh": "未关闭的不符合项"},
    "audits.open_intro": {
        "en": "Oldest first; the age is counted in days from the audit to {date}.",
        "zh": "按时间从早到晚排列；天数为自审核之日至 {date} 的天数。",
    },
    "audits.details": {"en": "Audits and findings", "zh": "审核及发现项"},
    "audits.no_findings": {"en": "No findings recorded.", "zh": "未记录发现项。"},
    "audits.still_open": {"en": "open", "zh": "未关闭"},
    "audits.none": {"en": "None.", "zh": "无。"},
    "audits.col.audit": {"en": "Audit", "zh": "审核"},
    "audits.col.title": {"en": "Subject", "zh": "主题"},
    "audits.col.planned": {"en": "Planned", "zh": "计划日期"},
    "audits.col.held": {"en": "Held", "zh": "实施日期"},
    "audits.col.status": {"en": "Status", "zh": "状态"},
    "audits.col.scope": {"en": "Scope (clauses)", "zh": "范围（条款）"},
    "audits.col.auditor": {"en": "Lead auditor", "zh": "审核组长"},
    "audits.col.documents": {"en": "Documents", "zh": "文件"},
    "audits.col.findings": {"en": "Findings", "zh": "发现项"},
    "audits.col.finding": {"en": "Finding", "zh": "发现项"},
    "audits.col.type": {"en": "Type", "zh": "类型"},
    "audits.col.total": {"en": "Total", "zh": "合计"},
    "audits.col.open": {"en": "Open", "zh": "未关闭"},
    "audits.col.closed": {"en": "Closed", "zh": "已关闭"},
    "audits.col.clause": {"en": "Clause", "zh": "条款"},
    "audits.col.statement": {"en": "Statement", "zh": "描述"},
    "audits.col.age": {"en": "Days open", "zh": "开放天数"},
    "audits.col.action": {"en": "Action", "zh": "措施"},
    # --- review ---
    "review.section.a": {
        "en": "a) Status of actions from previous management reviews",
        "zh": "a) 以往管理评审所采取措施的状况",
    },
    "review.short.a": {"en": "Status of previous actions", "zh": "以往措施状况"},
    "review.missing.a": {
        "en": "No register holds actions raised by a management review: record the review's decisions as improvement actions with source type review (data/registers/actions.yml).",
        "zh": "没有登记册记录管理评审提出的措施：请将评审决定作为来源类型为 review 的改进措施记入 data/registers/actions.yml。",
    },
    "review.section.b": {
        "en": "b) Changes in external and internal issues",
        "zh": "b) 与质量管理体系相关的内外部因素的变化",
    },
    "review.short.b": {"en": "Changes in issues", "zh": "内外部因素变化"},
    "review.missing.b": {
        "en": "Nothing records changes in issues for this period.",
        "zh": "本期没有记录内外部因素的变化。",
    },
    "review.section.c1": {
        "en": "c1) Customer satisfaction and feedback from relevant interested parties",
        "zh": "c1) 顾客满意和有关相关方的反馈",
    },
    "review.short.c1": {"en": "Customer satisfaction", "zh": "顾客满意"},
    "review.missing.c1": {
        "en": "No input: declare indicators with clause 9.1.2 in the quality plan, or keep the complaint and feedback registers.",
        "zh": "无输入：请在质量计划中为指标声明条款 9.1.2，或保存投诉和反馈登记册。",
    },
    "review.section.c2": {
        "en": "c2) Extent to which quality objectives have been met",
        "zh": "c2) 质量目标的实现程度",
    },
    "review.short.c2": {"en": "Quality objectives", "zh": "质量目标"},
    "review.missing.c2": {
        "en": "No input: the quality plan declares no objectives.",
        "zh": "无输入：质量计划中没有质量目标。",
    },
    "review.section.c3": {
        "en": "c3) Process performance and conformity of products and services",
        "zh": "c3) 过程绩效以及产品和服务的合格情况",
    },
    "review.short.c3": {"en": "Process performance", "zh": "过程绩效"},
    "review.missing.c3": {
        "en": "No input: the quality plan declares no indicators.",
        "zh": "无输入：质量计划中没有指标。",
    },
    "review.section.c4": {
        "en": "c4) Nonconformities and corrective actions",
        "zh": "c4) 不合格及纠正措施",
    },
    "review.short.c4": {"en": "Nonconformities and corrective actions", "zh": "不合格及纠正措施"},
    "review.missing.c4": {
        "en": "No input: keep the complaint register, the improvement action register or the internal audit register.",
        "zh": "无输入：请保存投诉登记册、改进措施登记册或内部审核登记册。",
    },
    "review.section.c5": {
        "en": "c5) Monitoring and measurement results",
        "zh": "c5) 监视和测量结果",
    },
    "review.short.c5": {"en": "Monitoring and measurement", "zh": "监视和测量"},
    "review.missing.c5": {
        "en": "No input: no indicator has a control chart.",
        "zh": "无输入：没有指标绘制控制图。",
    },
    "review.section.c6": {"en": "c6) Audit results", "zh": "c6) 审核结果"},
    "review.short.c6": {"en": "Audit results", "zh": "审核结果"},
    "review.missing.c6": {
        "en": "No input: keep the internal audit register (data/registers/audits.yml).",
        "zh": "无输入：请保存内部审核登记册（data/registers/audits.yml）。",
    },
    "review.section.c7": {
        "en": "c7) Performance of external providers",
        "zh": "c7) 外部供方的绩效",
    },
    "review.short.c7": {"en": "External providers", "zh": "外部供方"},
    "review.missing.c7": {
        "en": 'No input: nothing records the performance of external providers (the complaint register\'s root cause "supplier" is one source).',
        "zh": "无输入：没有记录外部供方绩效的内容（投诉登记册中根本原因为“supplier”的记录是来源之一）。",
    },
    "review.section.d": {"en": "d) Adequacy of resources", "zh": "d) 资源的充分性"},
    "review.short.d": {"en": "Resources", "zh": "资源"},
    "review.missing.d": {
        "en": "No input: keep the training register (data/registers/training.yml) to show competence against the roles' needs.",
        "zh": "无输入：请保存培训登记册（data/registers/training.yml），以显示能力是否满足岗位需要。",
    },
    "review.section.e": {
        "en": "e) Effectiveness of actions taken to address risks and opportunities",
        "zh": "e) 应对风险和机遇所采取措施的有效性",
    },
    "review.short.e": {"en": "Effectiveness of actions", "zh": "措施有效性"},
    "review.missing.e": {
        "en": "No input: keep the improvement action register with effectiveness checks.",
        "zh": "无输入：请保存带有效性检查的改进措施登记册。",
    },
    "review.section.f": {"en": "f) Opportunities for improvement", "zh": "f) 改进的机会"},
    "review.short.f": {"en": "Opportunities for improvement", "zh": "改进机会"},
    "review.missing.f": {
        "en": "No input found for opportunities for improvement.",
        "zh": "未找到改进机会的输入。",
    },
    "review.section.outputs": {"en": "Outputs: decisions and actions", "zh": "输出：决定和措施"},
    "review.short.outputs": {"en": "Outputs", "zh": "输出"},
    "review.title": {"en": "Management review {period}", "zh": "管理评审 {period}"},
    "review.intro": {
        "en": (
            "The inputs of ISO 9001 clause 9.3.2 for {start} to {end}, filled from the quality "
            "plan's results, the manual and the registers, as of {as_of}. A section with no "
            "input says so, and what would fill it."
        ),
        "zh": (
            "ISO 9001 第 9.3.2 条要求的输入，期间 {start} 至 {end}，依据质量计划结果、手册和"
            "登记册生成，截至 {as_of}。没有输入的部分会注明，并说明可由什么来补充。"
        ),
    },
    "review.missing_title": {
        "en": "Inputs missing for this review",
        "zh": "本次评审缺少的输入",
    },
    "review.no_input": {"en": "No input", "zh": "无输入"},
    "review.outputs": {
        "en": (
            "The review records its decisions on improvement opportunities, changes needed to "
            "the quality management system and resource needs. Record each action it decides as "
            "an improvement action with source type `review` in `data/registers/actions.yml`: it "
            "then appears, with its status, in section a) of the next review."
        ),
        "zh": (
            "评审应记录关于改进机会、质量管理体系变更需求和资源需求的决定。请将每项决定的措施作为"
            "来源类型为 `review` 的改进措施记入 `data/registers/actions.yml`，其状态将出现在下次"
            "评审的 a) 部分。"
        ),
    },
    "review.all_reviews": {"en": "All management reviews", "zh": "全部管理评审"},
    "review.index_title": {"en": "Management reviews", "zh": "管理评审"},
    "review.index_intro": {
        "en": (
            "One report per quarter (the number is set by `reporting.reviews` in the quality "
            "plan), and any period asked for with `sqms review --period`."
        ),
        "zh": "每季度一份报告（数量由质量计划的 `reporting.reviews` 设定），也可用 `sqms review --period` 生成任意期间。",
    },
    "review.none": {"en": "No complete quarter in the data yet.", "zh": "数据中尚无完整的季度。"},
    "review.col.months_met": {"en": "Periods meeting target", "zh": "达标期数"},
    "review.col.range": {"en": "Range", "zh": "范围"},
    "review.col.last": {"en": "Last", "zh": "最近"},
    "review.plan.document_effective": {
        "en": "{link} version {version} took effect on {date}",
        "zh": "{link} 第 {version} 版于 {date} 生效",
    },
    "review.plan.target_changed": {
        "en": "{indicator}: target changed from {old} to {new} on {date}",
        "zh": "{indicator}：目标自 {date} 起由 {old} 调整为 {new}",
    },
    "review.plan.no_changes": {
        "en": "No document took effect and no target changed in {period}.",
        "zh": "{period} 期间没有文件生效，也没有目标调整。",
    },
    "review.plan.objective": {
        "en": "{id} {title}: {met} of {judged} indicators judged met target in the period's last month ({total} in all)",
        "zh": "{id} {title}：期末月份已判定的 {judged} 个指标中有 {met} 个达标（共 {total} 个）",
    },
    "review.plan.no_signals": {
        "en": "No control chart signalled in {period}.",
        "zh": "{period} 期间控制图没有出现信号。",
    },
    "review.plan.not_meeting": {
        "en": "{indicator} is not meeting target at the period's end ({status})",
        "zh": "{indicator} 期末未达标（{status}）",
    },
    # --- review: complaints and feedback ---
    "review.complaints.partial": {
        "en": "The complaint register is counted up to {date}: {period} is not complete.",
        "zh": "投诉登记册统计至 {date}：{period} 尚不完整。",
    },
    "review.complaints.before": {"en": " ({previous}: {value})", "zh": "（{previous}：{value}）"},
    "review.complaints.before_change": {
        "en": " ({previous}: {value}, {change})",
        "zh": "（{previous}：{value}，{change}）",
    },
    "review.complaints.more": {"en": "{count} more", "zh": "多 {count}"},
    "review.complaints.fewer": {"en": "{count} fewer", "zh": "少 {count}"},
    "review.complaints.same": {"en": "no change", "zh": "持平"},
    "review.complaints.more_listed": {
        "en": "and {count} more in the [complaint register]({link})",
        "zh": "另有 {count} 件见[投诉登记册]({link})",
    },
    "review.complaints.item": {"en": "{name} ({count})", "zh": "{name}（{count}）"},
    "review.complaints.received": {
        "en": "Complaints received in {period}: **{count}**{before}.",
        "zh": "{period} 收到投诉：**{count}** 件{before}。",
    },
    "review.complaints.none": {
        "en": "No complaint was received in {period}{before}.",
        "zh": "{period} 未收到投诉{before}。",
    },
    "review.complaints.rate": {
        "en": "Complaint rate in {period}: {rate} per {per} {dataset}{before}.",
        "zh": "{period} 投诉率：每 {per} 条 {dataset} {rate} 件{before}。",
    },
    "review.complaints.satisfied": {
        "en": (
            "Customers satisfied with the resolution, among the complaints given their final "
            "response in {period} whose customer answered: {share}, {yes} of {answered}{before}."
        ),
        "zh": "{period} 作出最终答复且客户作答的投诉中，对解决结果满意的占 {share}，{answered} 件中 {yes} 件{before}。",
    },
    "review.complaints.satisfied_none": {
        "en": "No complaint given its final response in {period} records whether the customer was satisfied.",
        "zh": "{period} 作出最终答复的投诉均未记录客户是否满意。",
    },
    "review.complaints.upheld": {
        "en": "Complaints upheld or partly upheld (final response in {period}): **{count}**{before}.",
        "zh": "认定成立或部分成立的投诉（{period} 作出最终答复）：**{count}** 件{before}。",
    },
    "review.complaints.upheld_none": {
        "en": "No complaint was upheld or partly upheld in {period}{before}.",
        "zh": "{period} 没有投诉被认定成立或部分成立{before}。",
    },
    "review.complaints.upheld_top": {
        "en": "Categories most often upheld: {categories}.",
        "zh": "成立最多的类别：{categories}。",
    },
    "review.complaints.acknowledged": {
        "en": (
            "Complaints received in {period} acknowledged within {hours} {clock}: {share}, "
            "{within} of {judged} judged on {date}{before}."
        ),
        "zh": "{period} 收到的投诉在 {hours} {clock}内确认：{share}，截至 {date} 已判定 {judged} 件中 {within} 件{before}。",
    },
    "review.complaints.resolved": {
        "en": (
            "Complaints received in {period} given their final response within the standard: "
            "{share}, {within} of {judged} judged on {date}{before}."
        ),
        "zh": "{period} 收到的投诉在标准期限内作出最终答复：{share}，截至 {date} 已判定 {judged} 件中 {within} 件{before}。",
    },
    "review.complaints.open": {
        "en": "Complaints open on {date}: **{open}**{before}.",
        "zh": "{date} 未结投诉：**{open}** 件{before}。",
    },
    "review.complaints.open_in_time": {
        "en": "Complaints open on {date}: **{open}**{before}, none past its resolution standard.",
        "zh": "{date} 未结投诉：**{open}** 件{before}，均未超过解决标准。",
    },
    "review.complaints.open_overdue": {
        "en": "Complaints open on {date}: **{open}**{before}, of which past their resolution standard: **{overdue}** ({ids}).",
        "zh": "{date} 未结投诉：**{open}** 件{before}，其中超过解决标准：**{overdue}** 件（{ids}）。",
    },
    "review.complaints.open_none": {
        "en": "No complaint was open on {date}{before}.",
        "zh": "{date} 没有未结投诉{before}。",
    },
    "review.complaints.supplier": {
        "en": "Complaints received in {period} whose root cause is a supplier: **{count}**{before}: {ids}.",
        "zh": "{period} 收到的根本原因为供方的投诉：**{count}** 件{before}：{ids}。",
    },
    "review.complaints.supplier_none": {
        "en": "No complaint received in {period} has a supplier as its root cause{before}.",
        "zh": "{period} 收到的投诉中没有根本原因为供方的{before}。",
    },
    "review.complaints.no_cause": {
        "en": "Complaints received in {period} without a root cause recorded yet: {count}.",
        "zh": "{period} 收到但尚未记录根本原因的投诉：{count} 件。",
    },
    "review.complaints.top_category": {
        "en": "Opportunity: {categories} is the category with the most complaints received in {period}: {count} of {total} ({share}).",
        "zh": "改进机会：{period} 收到的投诉中 {categories} 类最多：{total} 件中 {count} 件（{share}）。",
    },
    "review.complaints.top_categories": {
        "en": "Opportunity: {categories} are the categories with the most complaints received in {period}: {count} each of {total} ({share} each).",
        "zh": "改进机会：{period} 收到的投诉中 {categories} 类最多：{total} 件中各 {count} 件（各占 {share}）。",
    },
    "review.complaints.repeats.received": {
        "en": "Repeat complaints received in {period} (same customer and category within {days} days): **{count}**{before}.",
        "zh": "{period} 收到的重复投诉（同一客户、同一类别、{days} 天内）：**{count}** 件{before}。",
    },
    "review.complaints.repeats.final_response": {
        "en": (
            "Repeat complaints received in {period} (same customer and category, within {days} "
            "days of the final response to an earlier one or while it was open): **{count}**{before}."
        ),
        "zh": "{period} 收到的重复投诉（同一客户、同一类别，在上一件最终答复后 {days} 天内或上一件仍未结时）：**{count}** 件{before}。",
    },
    "review.feedback.partial": {
        "en": "The survey responses are counted up to {date}: {period} is not complete.",
        "zh": "调查回复统计至 {date}：{period} 尚不完整。",
    },
    "review.feedback.before": {"en": " ({previous}: {value})", "zh": "（{previous}：{value}）"},
    "review.feedback.before_change": {
        "en": " ({previous}: {value}, {change})",
        "zh": "（{previous}：{value}，{change}）",
    },
    "review.feedback.more": {"en": "{count} more", "zh": "多 {count}"},
    "review.feedback.fewer": {"en": "{count} fewer", "zh": "少 {count}"},
    "review.feedback.same": {"en": "no change", "zh": "持平"},
    "review.feedback.responses": {
        "en": "Survey responses in {period}: **{count}**{before}.",
        "zh": "{period} 调查回复：**{count}** 条{before}。",
    },
    "review.feedback.none": {
        "en": "No survey response was received in {period}{before}.",
        "zh": "{period} 未收到调查回复{before}。",
    },
    "review.feedback.comments": {
        "en": "Responses with a comment: {share}, {count} of {total}{before}.",
        "zh": "附有留言的回复：{share}，{total} 条中 {count} 条{before}。",
    },
    "review.feedback.col.previous_share_low": {
        "en": "Share low {period}",
        "zh": "{period} 低分占比",
    },
    "review.feedback.col.previous_mean": {"en": "Mean {period}", "zh": "{period} 均值"},
    "review.feedback.tags": {
        "en": "Opportunity: the tags most often given with a low {score} in {period}: {tags}.",
        "zh": "改进机会：{period} 与低 {score} 同时出现最多的标签：{tags}。",
    },
    "review.feedback.tag_item": {
        "en": "{tag} ({low} low of {n}, {share})",
        "zh": "{tag}（{n} 条中 {low} 条低分，{share}）",
    },
    "review.feedback.tags_none": {
        "en": "No tagged response in {period} gave a low {score}.",
        "zh": "{period} 带标签的回复中没有低 {score}。",
    },
    # --- review: actions ---
    "review.actions.a.none": {
        "en": "No improvement action comes from a management review: no action in the register has source type `review`.",
        "zh": "没有来自管理评审的改进措施：登记册中没有来源类型为 `review` 的措施。",
    },
    "review.actions.a.none_in_period": {
        "en": "No action raised by a management review was open during {period} or opened in it (as of {date}).",
        "zh": "截至 {date}，没有管理评审提出的措施在 {period} 期间处于未关闭状态或于该期间开立。",
    },
    "review.actions.a.count": {
        "en": "Actions raised by management reviews, open during {period} or opened in it: {count} — {open} open on {date}, {closed} closed in the period.",
        "zh": "管理评审提出、在 {period} 期间未关闭或于该期间开立的措施：{count} 项——{date} 时 {open} 项未关闭，{closed} 项于本期关闭。",
    },
    "review.actions.a.earlier": {
        "en": "Closed before {start} and left out (see the earlier reviews): {count}.",
        "zh": "{start} 之前已关闭、未列出的措施（见以往评审）：{count} 项。",
    },
    "review.actions.col.action": {"en": "Action", "zh": "措施"},
    "review.actions.col.opened": {"en": "Opened", "zh": "开立日期"},
    "review.actions.col.decision": {"en": "Review decision", "zh": "评审决定"},
    "review.actions.col.status_on": {"en": "Status on {date}", "zh": "{date} 的状态"},
    "review.actions.col.verdict_on": {"en": "Effectiveness on {date}", "zh": "{date} 的有效性"},
    "review.actions.col.steps_done": {"en": "Steps done by {date}", "zh": "截至 {date} 完成的步骤"},
    "review.actions.col.overdue_on": {"en": "Overdue on {date}", "zh": "{date} 时逾期"},
    "review.actions.col.checked_on": {"en": "Indicator checked", "zh": "验证指标"},
    "review.actions.col.follow_up": {"en": "Follow-up", "zh": "跟踪期"},
    "review.actions.col.change": {"en": "Change", "zh": "变化"},
    "review.actions.c4.opened": {
        "en": "Corrective actions opened in {period}: {count}, {change}: {links}.",
        "zh": "{period} 开立的纠正措施：{count} 项，{change}：{links}。",
    },
    "review.actions.c4.opened_none": {
        "en": "No corrective action was opened in {period} ({before} in {previous}).",
        "zh": "{period} 没有开立纠正措施（{previous}：{before} 项）。",
    },
    "review.actions.c4.closed": {
        "en": "Corrective actions closed in {period}: {count}, {change}: {links}.",
        "zh": "{period} 关闭的纠正措施：{count} 项，{change}：{links}。",
    },
    "review.actions.c4.closed_none": {
        "en": "No corrective action was closed in {period} ({before} in {previous}).",
        "zh": "{period} 没有关闭纠正措施（{previous}：{before} 项）。",
    },
    "review.actions.c4.open": {
        "en": "Corrective actions open on {date}: {count}, {overdue} of them with steps overdue on that day.",
        "zh": "{date} 未关闭的纠正措施：{count} 项，其中 {overdue} 项当日有逾期步骤。",
    },
    "review.actions.c4.open_none": {
        "en": "No corrective action was open on {date}.",
        "zh": "{date} 没有未关闭的纠正措施。",
    },
    "review.actions.steps_done": {"en": "{done} of {steps}", "zh": "{steps} 项中 {done} 项"},
    "review.actions.overdue_step": {
        "en": "step {step} “{what}”, due {due} ({owner})",
        "zh": "第 {step} 步“{what}”，应于 {due} 完成（{owner}）",
    },
    "review.actions.e.none": {
        "en": "No effectiveness check ended and no action was closed in {period} ({before} in {previous}).",
        "zh": "{period} 没有有效性验证结束，也没有措施关闭（{previous}：{before} 项）。",
    },
    "review.actions.e.count": {
        "en": "Effectiveness checks ended or actions closed in {period}: {count}, {change} — {verdicts}.",
        "zh": "{period} 结束有效性验证或关闭的措施：{count} 项，{change}——{verdicts}。",
    },
    "review.actions.f.none": {
        "en": "No indicator missed its target in each of the latest {periods} complete periods up to {date} without an open action on it ({before} at the end of {previous}).",
        "zh": "截至 {date}，没有指标在最近 {periods} 个完整期间均未达标且无未关闭的措施（{previous} 期末：{before} 个）。",
    },
    "review.actions.f.count": {
        "en": "Indicators below target in each of the latest {periods} complete periods up to {date}, with no open action on them: {count}, {change}:",
        "zh": "截至 {date}，在最近 {periods} 个完整期间均未达标且无未关闭措施的指标：{count} 个，{change}：",
    },
    "review.actions.closed_on": {"en": "closed {date}", "zh": "已于 {date} 关闭"},
    "review.actions.open": {"en": "open", "zh": "未关闭"},
    "review.actions.stage_steps": {
        "en": "{stage}, {done} of {steps} steps done",
        "zh": "{stage}，{steps} 个步骤中已完成 {done} 个",
    },
    "review.actions.overdue_count": {"en": "{count} overdue", "zh": "{count} 个逾期"},
    "review.actions.more": {"en": "{count} more than in {period}", "zh": "比 {period} 多 {count}"},
    "review.actions.fewer": {
        "en": "{count} fewer than in {period}",
        "zh": "比 {period} 少 {count}",
    },
    "review.actions.same": {"en": "as many as in {period}", "zh": "与 {period} 持平"},
    # --- review: training and audits ---
    "review.training.coverage": {
        "en": "Competence on {date}: {coverage} of required trainings current ({current} of"
        " {required}); {stale} stale, {expired} expired, {missing} missing.",
        "zh": "截至 {date} 的能力：要求的培训中 {coverage} 有效（{required} 项中 {current} 项）；"
        "{stale} 项版本已过时，{expired} 项已过期，{missing} 项未培训。",
    },
    "review.training.before": {
        "en": "At the end of {period} ({date}): {coverage} ({current} of {required}); {change}.",
        "zh": "{period} 期末（{date}）：{coverage}（{required} 项中 {current} 项）；{change}。",
    },
    "review.training.none_before": {
        "en": "At the end of {period} ({date}) no training was required.",
        "zh": "{period} 期末（{date}）没有要求的培训。",
    },
    "review.training.up": {
        "en": "now {points} percentage points higher",
        "zh": "现提高 {points} 个百分点",
    },
    "review.training.down": {
        "en": "now {points} percentage points lower",
        "zh": "现降低 {points} 个百分点",
    },
    "review.training.unchanged": {"en": "unchanged", "zh": "没有变化"},
    "review.training.none_required": {
        "en": "No training was required on {date} ({people} people, {courses} courses).",
        "zh": "{date} 没有要求的培训（{people} 人，{courses} 门课程）。",
    },
    "review.training.no_gaps": {
        "en": "Every required training was current on {date}.",
        "zh": "{date} 所有要求的培训均有效。",
    },
    "review.training.worst": {
        "en": "Courses with required training not current on {date}, most gaps first:",
        "zh": "{date} 存在未有效培训的课程（缺口多者在前）：",
    },
    "review.training.worst_top": {
        "en": "The {shown} courses with the most required training not current on {date}"
        " (of {total} courses with gaps):",
        "zh": "{date} 未有效培训最多的 {shown} 门课程（共 {total} 门课程存在缺口）：",
    },
    "review.training.col.current": {"en": "Current", "zh": "有效"},
    "review.training.col.joined": {"en": "Joined", "zh": "加入日期"},
    "review.training.col.trained": {"en": "Required training current", "zh": "要求的培训有效数"},
    "review.training.col.not_current": {"en": "Not current", "zh": "未有效"},
    "review.training.no_joiners": {
        "en": "Nobody joined in {period}.",
        "zh": "{period} 没有新加入的人员。",
    },
    "review.training.joiners": {
        "en": "People who joined in {period}: {joined}. On {date}, {trained} had all their"
        " required training current and {untrained} did not.",
        "zh": "{period} 新加入的人员：{joined} 人。截至 {date}，{trained} 人所有要求的培训均有效，"
        "{untrained} 人尚未。",
    },
    "review.training.joiners_left": {
        "en": "{left} of them had left by then.",
        "zh": "其中 {left} 人此前已离开。",
    },
    "review.audits.none_held": {
        "en": "No internal audit was held in {period} ({previous}: {before}).",
        "zh": "{period} 未实施内部审核（{previous}：{before} 次）。",
    },
    "review.audits.held": {
        "en": "Internal audits held in {period}: {count} ({previous}: {before}).",
        "zh": "{period} 实施的内部审核：{count} 次（{previous}：{before} 次）。",
    },
    "review.audits.findings": {
        "en": "Findings: {findings} (nonconformities: {nonconformity}, observations:"
        " {observation}, opportunities for improvement: {opportunity}).",
        "zh": "发现项：{findings} 项（不符合项 {nonconformity}，观察项 {observation}，"
        "改进机会 {opportunity}）。",
    },
    "review.audits.planned_none": {
        "en": "No internal audit was planned in {period}.",
        "zh": "{period} 没有计划的内部审核。",
    },
    "review.audits.planned_all_held": {
        "en": "Internal audits planned in {period}: {planned}, all held by {date}.",
        "zh": "{period} 计划的内部审核：{planned} 次，截至 {date} 均已实施。",
    },
    "review.audits.planned_missed": {
        "en": "Internal audits planned in {period}: {planned}; not held by {date}: {missed}.",
        "zh": "{period} 计划的内部审核：{planned} 次；截至 {date} 未实施：{missed} 次。",
    },
    "review.audits.missed": {
        "en": "{audit}: planned for {planned}, not held by {date} ({days} days after the"
        " planned date)",
        "zh": "{audit}：计划于 {planned}，截至 {date} 未实施（已超出计划日期 {days} 天）",
    },
    "review.audits.missed_later": {
        "en": "{audit}: planned for {planned}, held on {held}, after {date}",
        "zh": "{audit}：计划于 {planned}，于 {held} 实施，晚于 {date}",
    },
    "review.audits.missed_coming": {
        "en": "{audit}: planned for {planned}, still to come on {date}",
        "zh": "{audit}：计划于 {planned}，截至 {date} 尚未到期",
    },
    "review.audits.nonconformities": {
        "en": "Nonconformities from internal audits — raised in {period}: {raised} ({previous}:"
        " {raised_before}); closed in {period}: {closed}; open on {date}: {open}"
        " (on {before}: {open_before}).",
        "zh": "内部审核的不符合项——{period} 提出：{raised} 项（{previous}：{raised_before} 项）；"
        "{period} 关闭：{closed} 项；{date} 未关闭：{open} 项（{before}：{open_before} 项）。",
    },
    "review.audits.col.raised": {"en": "Raised (audit held)", "zh": "提出日期（审核实施）"},
    "review.audits.col.days_open": {"en": "Days open on {date}", "zh": "截至 {date} 的开放天数"},
    "review.audits.closed_later": {
        "en": "open (closed on {date})",
        "zh": "未关闭（于 {date} 关闭）",
    },
    "review.audits.no_opportunities": {
        "en": "No opportunity for improvement was recorded by an internal audit in {period}"
        " ({previous}: {before}).",
        "zh": "{period} 内部审核未记录改进机会（{previous}：{before} 项）。",
    },
    "review.audits.opportunities": {
        "en": "Opportunities for improvement recorded by internal audits in {period}: {count}"
        " ({previous}: {before}).",
        "zh": "{period} 内部审核记录的改进机会：{count} 项（{previous}：{before} 项）。",
    },
    "review.audits.opportunity": {
        "en": "{symbol} {finding} (clause {clause}, audit {audit}): {statement}",
        "zh": "{symbol} {finding}（条款 {clause}，审核 {audit}）：{statement}",
    },
    "review.audits.opportunity_action": {"en": " — action {action}", "zh": "——措施 {action}"},
    # --- evidence ---
    "evidence.provenance": {
        "en": "Provenance: {files} · definition {definition} · {built}",
        "zh": "来源：{files} · 定义 {definition} · {built}",
    },
    "evidence.commit": {"en": "commit {commit} ({state})", "zh": "提交 {commit}（{state}）"},
    "evidence.clean": {"en": "clean tree", "zh": "工作区无改动"},
    "evidence.dirty": {"en": "uncommitted changes", "zh": "含未提交的改动"},
    "evidence.no_commit": {"en": "built outside git", "zh": "在 git 之外构建"},
    "evidence.bad_manifest": {
        "en": "not a readable manifest: {problem}",
        "zh": "无法读取的清单：{problem}",
    },
    "evidence.not_manifest": {
        "en": "not an sqms evidence manifest (format 1)",
        "zh": "不是 sqms 证据清单（格式 1）",
    },
    "evidence.software": {
        "en": "the manifest was computed with {name} {then}, this is {now}: values may differ slightly",
        "zh": "清单使用 {name} {then} 计算，当前为 {now}：数值可能略有差异",
    },
    "evidence.input_missing": {
        "en": "listed in the manifest, but missing",
        "zh": "清单中列出，但文件不存在",
    },
    "evidence.input_changed": {
        "en": "changed since the manifest (sha256 now {now}…, published {then}…)",
        "zh": "自清单生成后已改动（当前 sha256 {now}…，发布时 {then}…）",
    },
    "evidence.input_added": {
        "en": "not in the manifest: added since it was published",
        "zh": "不在清单中：发布后新增",
    },
    "evidence.indicator_added": {
        "en": 'indicator "{id}" is not in the manifest',
        "zh": "指标“{id}”不在清单中",
    },
    "evidence.indicator_removed": {
        "en": 'indicator "{id}" is in the manifest but no longer in the plan',
        "zh": "指标“{id}”在清单中，但已不在质量计划中",
    },
    "evidence.definition_changed": {
        "en": 'the definition of indicator "{id}" differs from the manifest',
        "zh": "指标“{id}”的定义与清单不一致",
    },
    "evidence.value_differs": {
        "en": "{id}, {where}: published {published}, recomputed {recomputed}",
        "zh": "{id}，{where}：发布值 {published}，重算值 {recomputed}",
    },
    "evidence.more_values": {
        "en": "{id}: {count} more values differ",
        "zh": "{id}：另有 {count} 个数值不一致",
    },
    "evidence.absent": {"en": "absent", "zh": "无"},
    "clauses.rules": {
        "en": (
            "For each clause of each standard, the documents and records that address it, read as "
            "a certification auditor reads them. **Covered**: a document in force (approved and "
            "effective) and a record (an indicator, an objective, a register, a held audit, a "
            "finding, an action) address the clause, and no nonconformity against it is open. "
            "**Partial**: only one of the two, or an open nonconformity. **No evidence**: neither. "
            "Naming a clause names its sub-clauses (5.1 is 5.1.1 and 5.1.2); evidence for a "
            "sub-clause never counts for its parent, which is covered only when every applicable "
            "sub-clause is. Drafts, documents in review, documents not yet effective and obsolete "
            "documents are shown with their state and never count. A clause declared not "
            "applicable is shown with its justification and left out of its parent."
        ),
        "zh": (
            "按认证审核员的读法，列出每项标准每个条款对应的文件和记录。**已覆盖**：有现行文件（已批准且已生效）"
            "和记录（指标、目标、登记册、已实施的审核、审核发现、措施）涉及该条款，且没有针对它的未关闭不符合项。"
            "**部分**：只有其中一种，或有未关闭的不符合项。**无证据**：两者皆无。引用某条款即引用其全部子条款"
            "（5.1 即 5.1.1 和 5.1.2）；子条款的证据从不计入上级条款，上级条款只有在每个适用的子条款都已覆盖时才算已覆盖。"
            "草稿、评审中、尚未生效和已作废的文件会标明其状态，但从不计入。声明不适用的条款附理由列出，且不计入其上级条款。"
        ),
    },
    "clauses.certification": {
        "en": "{framework}: {covered} of {applicable} applicable clauses covered; {na} not applicable.",
        "zh": "{framework}：{applicable} 个适用条款中 {covered} 个已覆盖；{na} 个不适用。",
    },
    "clauses.guidance_not_counted": {
        "en": "Not counted (guidance, not certifiable): {frameworks}.",
        "zh": "不计入（指南，不可认证）：{frameworks}。",
    },
    "clauses.guidance": {"en": "guidance", "zh": "指南"},
    "clauses.guidance_intro": {
        "en": (
            "Guidelines, not requirements: no certification is granted against them. The rows say "
            "how far the system follows the guidance; they are not conformity gaps and count in no "
            "certification summary."
        ),
        "zh": "这是指南而非要求，不能据此获得认证。各行表示体系在多大程度上遵循该指南，不是符合性缺口，也不计入任何认证汇总。",
    },
    "clauses.full_summary": {
        "en": "{total} clauses: {covered} covered, {partial} partial, {none} without evidence, {na} not applicable.",
        "zh": "共 {total} 个条款：{covered} 个已覆盖，{partial} 个部分覆盖，{none} 个无证据，{na} 个不适用。",
    },
    "clauses.guidance_summary": {
        "en": "{total} clauses: {covered} addressed, {partial} partly addressed, {none} not addressed, {na} not applicable.",
        "zh": "共 {total} 个条款：{covered} 个已遵循，{partial} 个部分遵循，{none} 个未涉及，{na} 个不适用。",
    },
    "clauses.not_addressed": {"en": "Not yet fully addressed", "zh": "尚未完全遵循"},
    "clauses.all_addressed": {
        "en": "Every applicable clause is addressed.",
        "zh": "所有适用条款均已遵循。",
    },
    "clauses.no_gaps_applicable": {
        "en": "Every applicable clause is covered.",
        "zh": "所有适用条款均已覆盖。",
    },
    "clauses.excluded": {"en": "Not applicable", "zh": "不适用"},
    "clauses.status_not_applicable": {"en": "not applicable", "zh": "不适用"},
    "clauses.guidance_status.covered": {"en": "addressed", "zh": "已遵循"},
    "clauses.guidance_status.partial": {"en": "partly addressed", "zh": "部分遵循"},
    "clauses.guidance_status.none": {"en": "not addressed", "zh": "未涉及"},
    "clauses.guidance_status.not-applicable": {"en": "not applicable", "zh": "不适用"},
    "clauses.all_children_excluded": {
        "en": "every sub-clause is not applicable",
        "zh": "所有子条款均不适用",
    },
    "clauses.justification": {"en": "justification: {text}", "zh": "理由：{text}"},
    "clauses.open_nonconformity": {
        "en": "open nonconformity {findings}",
        "zh": "未关闭的不符合项 {findings}",
    },
    "clauses.missing.no-document": {"en": "no document", "zh": "无文件"},
    "clauses.missing.no-document-in-force": {"en": "no document in force", "zh": "无现行文件"},
    "clauses.missing.no-record": {"en": "no record", "zh": "无记录"},
    "clauses.uncovered": {
        "en": "sub-clauses not covered: {clauses}",
        "zh": "未覆盖的子条款：{clauses}",
    },
    "clauses.state.draft": {"en": "draft", "zh": "草稿"},
    "clauses.state.in-review": {"en": "in review", "zh": "评审中"},
    "clauses.state.pending": {"en": "approved, not yet effective", "zh": "已批准，尚未生效"},
    "clauses.state.obsolete": {"en": "obsolete", "zh": "已作废"},
    "clauses.state.open-nonconformity": {"en": "open nonconformity", "zh": "未关闭的不符合项"},
    "clauses.col.missing": {"en": "Missing, or why not applicable", "zh": "缺少什么或不适用理由"},
    "applicability.no_justification": {
        "en": 'clause "{clause}" is declared not applicable without a justification (ISO 9001 4.3 requires one)',
        "zh": "条款“{clause}”被声明为不适用，但没有理由（ISO 9001 4.3 要求说明理由）",
    },
    "applicability.no_frameworks": {
        "en": "clauses are declared not applicable, but no framework (data/frameworks/*.yml) lists any clause",
        "zh": "声明了不适用的条款，但没有任何框架（data/frameworks/*.yml）列出条款",
    },
    "framework.note_unknown": {
        "en": 'notes: clause "{clause}" is not in this framework\'s clauses{hint}',
        "zh": "notes：条款“{clause}”不在本框架的条款中{hint}",
    },
    "evidence.self_contradicts": {
        "en": "the manifest contradicts itself: the definition of {id} does not have the hash it states",
        "zh": "清单自相矛盾：{id} 的定义与其声明的哈希值不符",
    },
    "evidence.no_site_list": {
        "en": "the manifest lists no published files, so the pages cannot be checked "
        "(it was written by an older SQMS: build the site again)",
        "zh": "清单未列出已发布的文件，因此无法核对页面（由旧版 SQMS 生成：请重新构建站点）",
    },
    "evidence.site_missing": {
        "en": "a published file listed in the manifest is missing",
        "zh": "清单中列出的已发布文件缺失",
    },
    "evidence.site_changed": {
        "en": "the published file differs from the manifest (sha256 {now}…, published {then}…)",
        "zh": "已发布的文件与清单不符（sha256 {now}…，发布时为 {then}…）",
    },
    "evidence.site_added": {
        "en": "a file that the manifest does not list was added to the site",
        "zh": "站点中加入了清单未列出的文件",
    },
    "evidence.no_checkout": {
        "en": "verifying without a git checkout: the commit {commit} cannot be compared, "
        "only the files, the definitions and the numbers",
        "zh": "在没有 git 检出的情况下核验：无法比对提交 {commit}，只核对文件、定义和数字",
    },
    "evidence.built_outside_git": {
        "en": "the site was built outside git: the manifest names no commit",
        "zh": "站点在 git 之外构建：清单未记录提交",
    },
    "evidence.commit_differs": {
        "en": "the checkout is at commit {now}, the manifest was built from {then}",
        "zh": "检出位于提交 {now}，而清单基于提交 {then} 构建",
    },
    "evidence.checkout_dirty": {
        "en": "the checkout has uncommitted changes",
        "zh": "检出含有未提交的改动",
    },
    "framework.unquoted": {
        "en": 'clause id {value} must be quoted ("{value}"): unquoted, 4.10 would read as 4.1',
        "zh": '条款号 {value} 必须加引号（"{value}"）：不加引号时 4.10 会被读成 4.1',
    },
    "framework.bad_id": {
        "en": 'framework id "{id}" must start with a letter and hold only letters, digits, - and _',
        "zh": "框架标识“{id}”必须以字母开头，且只含字母、数字、- 和 _",
    },
    "framework.bad_clause": {
        "en": 'clause id "{clause}" must be numbers separated by dots (8.5.1)',
        "zh": "条款号“{clause}”必须是以点分隔的数字（如 8.5.1）",
    },
    "framework.duplicate": {
        "en": 'framework "{id}" is declared twice (first in {first})',
        "zh": "框架“{id}”重复声明（首次在 {first}）",
    },
    "framework.two_defaults": {
        "en": "only one framework can be the default; {first} is already",
        "zh": "只能有一个默认框架；{first} 已是默认框架",
    },
    "framework.unknown_framework": {
        "en": 'unknown framework "{framework}"{hint}',
        "zh": "未知的框架“{framework}”{hint}",
    },
    "framework.no_default": {
        "en": 'clause "{clause}" has no framework prefix and no framework is the default',
        "zh": "条款“{clause}”没有框架前缀，且没有默认框架",
    },
    "framework.unknown_clause": {
        "en": 'unknown clause "{clause}" in {framework}{hint}',
        "zh": "{framework} 中没有条款“{clause}”{hint}",
    },
    "clauses.title": {"en": "Clause matrix", "zh": "条款矩阵"},
    "clauses.intro": {
        "en": (
            "For each clause of each standard, the documents and records that address it. "
            "**Covered**: an approved document addresses it and a record (an indicator, an "
            "objective, a register, an audit) shows it working. **Partial**: only one of the "
            "two, or only a draft. **No evidence**: nothing names it. What addresses a "
            "sub-clause counts for its parent clauses too."
        ),
        "zh": (
            "列出每项标准每个条款对应的文件和记录。**已覆盖**：有已批准文件涉及该条款，且有记录"
            "（指标、目标、登记册、审核）证明其运行。**部分**：只有其中一种，或只有草稿。"
            "**无证据**：没有任何内容涉及。涉及子条款的内容也计入其上级条款。"
        ),
    },
    "clauses.identical_to": {"en": "identical to {name}", "zh": "等同于 {name}"},
    "clauses.summary": {
        "en": "{total} clauses: {covered} covered, {partial} partial, {none} without evidence.",
        "zh": "共 {total} 个条款：{covered} 个已覆盖，{partial} 个部分覆盖，{none} 个无证据。",
    },
    "clauses.gaps": {"en": "Gaps", "zh": "缺口"},
    "clauses.no_gaps": {"en": "Every clause is covered.", "zh": "所有条款均已覆盖。"},
    "clauses.all": {"en": "Every clause", "zh": "全部条款"},
    "clauses.status.covered": {"en": "covered", "zh": "已覆盖"},
    "clauses.status.partial": {"en": "partial", "zh": "部分"},
    "clauses.status.none": {"en": "no evidence", "zh": "无证据"},
    "clauses.col.clause": {"en": "Clause", "zh": "条款"},
    "clauses.col.title": {"en": "Title", "zh": "标题"},
    "clauses.col.status": {"en": "Coverage", "zh": "覆盖情况"},
    "clauses.col.documents": {"en": "Documents", "zh": "文件"},
    "clauses.col.records": {"en": "Records", "zh": "记录"},
    "evidence.bad_period": {
        "en": 'period "{period}" is not a year, quarter or month (2026, 2026-Q3, 2026-09)',
        "zh": "期间“{period}”不是年、季度或月份（2026、2026-Q3、2026-09）",
    },
    "evidence.readme": {
        "en": (
            "Evidence pack (audit period {period}).\n\n"
            "site/index.html opens the quality manual in any browser, with no network.\n"
            "manifest.json lists every published file of site/ and every input file with\n"
            "its SHA-256, the git commit, the software versions and the definition of\n"
            "every published indicator value. project/ holds those input files.\n"
            "`sqms verify` followed by this archive's name checks every file of site/\n"
            "and recomputes every indicator from project/, on any machine, with no\n"
            "repository. SHA256SUMS holds the input files' checksums, for\n"
            "`sha256sum -c SHA256SUMS` in a checkout of that commit."
        ),
        "zh": (
            "证据包（审核期间 {period}）。\n\n"
            "site/index.html 可在任何浏览器中离线打开质量手册。\n"
            "manifest.json 列出 site/ 中每个已发布文件和每个输入文件及其 SHA-256、\n"
            "git 提交、软件版本，以及每个已发布指标数值所用的定义。project/ 存放这些输入文件。\n"
            "运行 `sqms verify` 加本压缩包文件名，即可在任何机器上、无需代码仓库，\n"
            "核对 site/ 的每个文件并根据 project/ 重算每个指标。\n"
            "SHA256SUMS 为输入文件的校验和，可在该提交的检出目录中运行\n"
            "`sha256sum -c SHA256SUMS` 核对。"
        ),
    },
    "evidence.verified_site": {
        "en": "manifest verified: {pages} published files, {files} input files and "
        "{values} values of {indicators} indicators match",
        "zh": "清单验证通过：{pages} 个已发布文件、{files} 个输入文件及 {indicators} 个指标的 {values} 个数值一致",
    },
    "evidence.bad_pack": {
        "en": "not an evidence pack that can be read: {problem}",
        "zh": "无法读取的证据包：{problem}",
    },
    "evidence.pack_incomplete": {
        "en": "the evidence pack has no {part}: it cannot be verified on its own",
        "zh": "证据包缺少 {part}：无法单独核验",
    },
    "evidence.pack_entry_unsafe": {
        "en": 'the entry "{entry}" would unpack outside the pack (or is a link): nothing is unpacked',
        "zh": "条目“{entry}”会解压到证据包之外（或为链接）：未解压任何内容",
    },
    "evidence.pack_too_large": {
        "en": "the evidence pack unpacks to more than {limit} GB: nothing is unpacked",
        "zh": "证据包解压后超过 {limit} GB：未解压任何内容",
    },
    # --- new project ---
    "new.default_title": {"en": "Service quality manual", "zh": "服务质量手册"},
    "new.bad_title": {
        "en": "the title must be one line of text, not empty",
        "zh": "标题必须是一行非空的文字",
    },
    "new.not_empty": {
        "en": "{path}: the folder exists and is not empty; choose a new or an empty folder",
        "zh": "{path}：该文件夹已存在且不为空；请选择一个新的或空的文件夹",
    },
    "new.failed": {
        "en": "{path}: could not write the new project ({problem}); nothing was written",
        "zh": "{path}：无法写入新项目（{problem}）；未写入任何文件",
    },
    "new.created": {
        "en": "created {path} ({files} files)",
        "zh": "已创建 {path}（{files} 个文件）",
    },
    "new.next_steps": {
        "en": "build it: cd {path} && python3 -m pip install nox && python3 -m nox -s build (README.md says more)",
        "zh": "构建：cd {path} && python3 -m pip install nox && python3 -m nox -s build（详见 README.md）",
    },
    # --- diff ---
    "diff.no_git": {
        "en": "git is not installed: sqms diff needs it to read the other revision",
        "zh": "未安装 git：sqms diff 需要它读取另一个修订版本",
    },
    "diff.not_a_repository": {
        "en": "{path} is not inside a git repository",
        "zh": "{path} 不在 git 仓库中",
    },
    "diff.unknown_revision": {
        "en": 'unknown revision "{revision}": give a branch, a tag or a commit '
        "(fetch it first, e.g. git fetch origin main)",
        "zh": "未知的修订版本“{revision}”：请给出分支、标签或提交"
        "（需先获取，例如 git fetch origin main）",
    },
    "diff.unreadable": {
        "en": "the files of revision {revision} cannot be read",
        "zh": "无法读取修订版本 {revision} 的文件",
    },
    "diff.head_label": {"en": "the working folder", "zh": "工作目录"},
    "diff.no_project": {
        "en": "the project did not exist at this revision",
        "zh": "该修订版本中尚无此项目",
    },
    "diff.side_fails": {
        "en": "the project does not load at {side}; nothing was compared:",
        "zh": "{side} 的项目无法加载，未作比较：",
    },
    "diff.title": {"en": "SQMS: what changed since {base}", "zh": "SQMS：自 {base} 以来的变化"},
    "diff.no_changes": {
        "en": "No changes to documents, indicators, values or registers.",
        "zh": "文件、指标、数值和记录册均无变化。",
    },
    "diff.unversioned_summary": {
        "en": "{count} document(s) changed without a new version: {ids}",
        "zh": "{count} 份文件内容已改但版本未变：{ids}",
    },
    "diff.documents": {"en": "Documents", "zh": "文件"},
    "diff.doc_entry": {
        "en": "{id} {title} (version {version}, {status}, {path})",
        "zh": "{id} {title}（版本 {version}，{status}，{path}）",
    },
    "diff.doc_added": {"en": "added: {document}", "zh": "新增：{document}"},
    "diff.doc_removed": {"en": "removed: {document}", "zh": "删除：{document}"},
    "diff.unversioned": {
        "en": "content changed but version {version} unchanged",
        "zh": "内容已改但版本 {version} 未变",
    },
    "diff.body_changed": {"en": "body changed", "zh": "正文已改"},
    "diff.fields_changed": {"en": "front matter changed: {keys}", "zh": "前置信息已改：{keys}"},
    "diff.version_changed": {"en": "version {old} → {new}", "zh": "版本 {old} → {new}"},
    "diff.version_lowered": {
        "en": "the new version is lower than the old one",
        "zh": "新版本号低于旧版本号",
    },
    "diff.status_changed": {"en": "status {old} → {new}", "zh": "状态 {old} → {new}"},
    "diff.moved": {"en": "moved from {old} to {new}", "zh": "已从 {old} 移至 {new}"},
    "diff.indicators": {"en": "Indicators", "zh": "指标"},
    "diff.indicator_added": {"en": "added: {indicator}", "zh": "新增：{indicator}"},
    "diff.indicator_removed": {"en": "removed: {indicator}", "zh": "删除：{indicator}"},
    "diff.definition_changed": {"en": "definition changed: {keys}", "zh": "定义已改：{keys}"},
    "diff.target_changed": {"en": "target {old} → {new}", "zh": "目标 {old} → {new}"},
    "diff.no_target": {"en": "none", "zh": "无"},
    "diff.with_warning": {
        "en": "{target} (warning {warning})",
        "zh": "{target}（预警 {warning}）",
    },
    "diff.from_date": {"en": "{target} from {date}", "zh": "{date} 起 {target}"},
    "diff.values": {"en": "Values", "zh": "数值"},
    "diff.no_value_changed": {
        "en": "No value or status changed ({count} indicators compared).",
        "zh": "数值和状态均无变化（比较了 {count} 个指标）。",
    },
    "diff.col.indicator": {"en": "Indicator", "zh": "指标"},
    "diff.col.period": {"en": "Latest complete period", "zh": "最近完整期间"},
    "diff.col.before": {"en": "Before", "zh": "变更前"},
    "diff.col.now": {"en": "Now", "zh": "变更后"},
    "diff.col.moved": {"en": "Periods moved", "zh": "变动期间"},
    "diff.col.largest": {"en": "Largest moves", "zh": "最大变动"},
    "diff.value_in": {"en": "{value} ({period})", "zh": "{value}（{period}）"},
    "diff.moved_count": {"en": "{count}", "zh": "{count}"},
    "diff.appeared": {"en": "{count} new", "zh": "新增 {count}"},
    "diff.disappeared": {"en": "{count} gone", "zh": "消失 {count}"},
    "diff.move": {"en": "{period}: {old} → {new}", "zh": "{period}：{old} → {new}"},
    "diff.status_line": {
        "en": "{id} {period}: {old} → {new}",
        "zh": "{id} {period}：{old} → {new}",
    },
    "diff.more_statuses": {
        "en": "and {count} more status change(s)",
        "zh": "另有 {count} 处状态变化",
    },
    "diff.others_unchanged": {
        "en": "{count} other indicator(s): no value or status changed.",
        "zh": "其余 {count} 个指标：数值和状态均无变化。",
    },
    "diff.all_latest": {
        "en": "Latest complete value of all {count} indicators",
        "zh": "全部 {count} 个指标的最近完整期间数值",
    },
    "diff.registers": {"en": "Registers", "zh": "记录册"},
    "diff.register_count": {
        "en": "{register}: {added} {kind}(s) added, {removed} removed",
        "zh": "{register}：{kind} 新增 {added} 条，删除 {removed} 条",
    },
    # --- locale ---
    # Dates and period labels in page text (data files, JSON and CSV keep ISO 8601).
    "locale.date": {"en": "{year:04d}-{month:02d}-{day:02d}", "zh": "{year}年{month}月{day}日"},
    "locale.month": {"en": "{year:04d}-{month:02d}", "zh": "{year}年{month}月"},
    "locale.quarter": {"en": "{year}-Q{quarter}", "zh": "{year}年第{quarter}季度"},
    "locale.week": {"en": "{year}-W{week:02d}", "zh": "{year}年第{week}周"},
    "locale.year": {"en": "{year}", "zh": "{year}年"},
    "locale.date_by": {"en": "{date} ({name})", "zh": "{date}（{name}）"},
    # --- cli ---
    "cli.check_ok": {
        "en": "project is valid: {indicators} indicators checked",
        "zh": "项目有效：已检查 {indicators} 个指标",
    },
    "cli.wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
    "cli.doc_exists": {
        "en": "document {id} exists already: {path}",
        "zh": "文件 {id} 已存在：{path}",
    },
    "cli.file_exists": {"en": "{path} exists already", "zh": "{path} 已存在"},
    # --- medians and quantiles ---
    "plan.method_only_quantile": {
        "en": "method applies only to measure: quantile, not to measure: {measure} (a median is always the middle value, or the mean of the two middle values)",
        "zh": "method 仅适用于 measure: quantile，不适用于 measure: {measure}（中位数总是居中的值，或中间两个值的平均数）",
    },
    "formula.median_conventional": {
        "en": "the median (the middle value; for an even number of values, the mean of the two middle values) of {column} over {dataset} rows where {where}",
        "zh": "{dataset} 中满足 {where} 的行的 {column} 中位数（居中的值；值的个数为偶数时，取中间两个值的平均数）",
    },
    "formula.quantile_nearest_rank": {
        "en": "the {q}th percentile, nearest rank (the ⌈{fraction}·n⌉-th smallest value), of {column} over {dataset} rows where {where}",
        "zh": "{dataset} 中满足 {where} 的行的 {column} 第 {q} 百分位数，最近秩法（第 ⌈{fraction}·n⌉ 小的值）",
    },
    "formula.quantile_linear": {
        "en": "the {q}th percentile, linear interpolation (as Excel's PERCENTILE.INC), of {column} over {dataset} rows where {where}",
        "zh": "{dataset} 中满足 {where} 的行的 {column} 第 {q} 百分位数，线性插值（同 Excel 的 PERCENTILE.INC）",
    },
    "cli.strict_warnings": {
        "en": "mkdocs.yml sets strict: true, so the build fails on warnings: fix them first",
        "zh": "mkdocs.yml 设置了 strict: true，构建会因警告而失败：请先修正警告",
    },
    "asof.bad": {
        "en": '"{value}" is not a date to judge the build as of: write it as YYYY-MM-DD (for example 2026-11-30), from {first} to {last}',
        "zh": "“{value}”不是可作为判定基准的日期：请写成 YYYY-MM-DD（例如 2026-11-30），范围为 {first} 至 {last}",
    },
    "asof.bad_epoch": {
        "en": '"{value}" is not a build time: give the whole seconds since 1970-01-01 00:00 UTC, up to the end of 2105, or leave it unset',
        "zh": "“{value}”不是有效的构建时间：请给出自 1970-01-01 00:00 UTC 起的整秒数（最晚至 2105 年底），或不设置",
    },
    "asof.dashboard": {
        "en": "Due dates (document reviews, action steps, training, audits, complaints) are judged as of {date}.",
        "zh": "到期情况（文件评审、措施步骤、培训、审核、投诉）以 {date} 为准。",
    },
    "asof.document_overdue": {
        "en": "This document was due for review on {date}. Reviews are judged as of {as_of}.",
        "zh": "本文件应于 {date} 评审。评审状态以 {as_of} 为准。",
    },
    "asof.action_steps": {
        "en": "Steps not done are judged overdue as of {date}.",
        "zh": "未完成的步骤是否逾期以 {date} 为准。",
    },
    "data.personal_value": {
        "en": "(personal data, not shown)",
        "zh": "（个人数据，不显示）",
    },
    # --- the declared order of a row's events ---
    "data.out_of_order": {
        "en": "{later} is before {earlier} ({value})",
        "zh": "{later} 早于 {earlier}（{value}）",
    },
    "data.order_too_short": {
        "en": "order lists the time columns in the order a row's events happen: name at least two",
        "zh": "order 按事件发生的先后列出时间列：至少要列出两列",
    },
    "data.order_repeated": {
        "en": 'column "{column}" is listed more than once in order',
        "zh": "列“{column}”在 order 中出现了不止一次",
    },
    "data.order_policy_alone": {
        "en": "out_of_order applies to the columns listed in order: declare order as well",
        "zh": "out_of_order 作用于 order 所列的列：请同时声明 order",
    },
    "page.excluded_out_of_order": {
        "en": "{count} rows of {dataset} whose events are out of order (order: {order}) "
        "are excluded, as {file} declares.",
        "zh": "{dataset} 中有 {count} 行的事件顺序不符（顺序：{order}），已按 {file} 的声明排除。",
    },
    "page.excluded_out_of_order_one": {
        "en": "1 row of {dataset} whose events are out of order (order: {order}) "
        "is excluded, as {file} declares.",
        "zh": "{dataset} 中有 1 行的事件顺序不符（顺序：{order}），已按 {file} 的声明排除。",
    },
    "page.cycle.negative": {
        "en": "{count} items are left out of the stage {stage}, which ends before it starts "
        "for them ({end} is before {start}): listing both columns in the dataset's order "
        "would make such rows an error, or exclude them from every page.",
        "zh": "有 {count} 项未计入阶段 {stage}，因为其结束早于开始（{end} 早于 {start}）："
        "在数据集的 order 中列出这两列，可将此类行报为错误，或从所有页面中排除。",
    },
    "page.cycle.negative_one": {
        "en": "1 item is left out of the stage {stage}, which ends before it starts "
        "for it ({end} is before {start}): listing both columns in the dataset's order "
        "would make such rows an error, or exclude them from every page.",
        "zh": "有 1 项未计入阶段 {stage}，因为其结束早于开始（{end} 早于 {start}）："
        "在数据集的 order 中列出这两列，可将此类行报为错误，或从所有页面中排除。",
    },
    # --- confinement: nothing outside the project is read or published ---
    "files.link_outside": {
        "en": "a symbolic link that leads outside {folder}/ (or nowhere): "
        "files are read only inside the project; replace the link with the file itself",
        "zh": "符号链接指向 {folder}/ 之外（或不存在）：只读取项目内的文件；请用文件本身替换该链接",
    },
    "files.pack_link": {
        "en": "the built site holds a symbolic link: an evidence pack never follows a link",
        "zh": "构建的站点包含符号链接：证据包从不跟随链接",
    },
    # --- SSH signatures of evidence packs and manifests ---
    "signing.no_ssh_keygen": {
        "en": "ssh-keygen is not installed: signatures are made and checked with OpenSSH's ssh-keygen (Debian and Ubuntu: the openssh-client package)",
        "zh": "未安装 ssh-keygen：签名的生成与验证使用 OpenSSH 的 ssh-keygen（Debian 和 Ubuntu：openssh-client 软件包）",
    },
    "signing.file_missing": {
        "en": "file not found: there is nothing to sign or check",
        "zh": "文件不存在：没有可签名或可验证的内容",
    },
    "signing.key_missing": {
        "en": "no SSH key here: give a private key file, or the .pub file of a key an SSH agent holds",
        "zh": "此处没有 SSH 密钥：请提供私钥文件，或 SSH 代理所持密钥的 .pub 文件",
    },
    "signing.key_passphrase": {
        "en": "the key is protected by a passphrase and no SSH agent holds it: add it with ssh-add, then sign again",
        "zh": "该密钥受口令保护，且没有 SSH 代理持有它：请先用 ssh-add 添加，再重新签名",
    },
    "signing.key_too_open": {
        "en": "others can read this private key, so ssh-keygen refuses it: make it readable by you alone (chmod 600)",
        "zh": "其他人可以读取此私钥，因此 ssh-keygen 拒绝使用：请将其设为仅本人可读（chmod 600）",
    },
    "signing.sign_failed": {
        "en": "ssh-keygen could not sign with this key ({detail})",
        "zh": "ssh-keygen 无法用此密钥签名（{detail}）",
    },
    "signing.cannot_write": {
        "en": "the signature cannot be written here: {problem}",
        "zh": "无法在此写入签名：{problem}",
    },
    "signing.timeout": {
        "en": "ssh-keygen did not finish within {seconds} seconds",
        "zh": "ssh-keygen 未在 {seconds} 秒内完成",
    },
    "signing.run_failed": {
        "en": "ssh-keygen could not be run: {problem}",
        "zh": "无法运行 ssh-keygen：{problem}",
    },
    "signing.no_detail": {
        "en": "ssh-keygen ended with code {code}",
        "zh": "ssh-keygen 以代码 {code} 结束",
    },
    "signing.signature_missing": {
        "en": "signature file not found: the publisher's sqms evidence --sign writes it beside the pack, named as the pack plus .sig",
        "zh": "签名文件不存在：发布者运行 sqms evidence --sign 时将其写在证据包旁边，文件名为证据包名加 .sig",
    },
    "signing.allowed_missing": {
        "en": 'allowed signers file not found: it lists the keys you trust, one "principal key-type key" per line',
        "zh": "允许签名者文件不存在：该文件列出您信任的密钥，每行一个“主体 密钥类型 密钥”",
    },
    "signing.empty_identity": {
        "en": "the identity is empty: name a principal of the allowed signers file, or leave the identity out",
        "zh": "身份为空：请填写允许签名者文件中的一个主体，或省略身份",
    },
    "signing.not_signature": {
        "en": "not an SSH signature: a signature file begins with -----BEGIN SSH SIGNATURE-----",
        "zh": "不是 SSH 签名：签名文件以 -----BEGIN SSH SIGNATURE----- 开头",
    },
    "signing.namespace": {
        "en": 'this signature was made for "{namespace}", not "{expected}": a signature made for another purpose (a git commit, say) is no evidence signature',
        "zh": "此签名是为“{namespace}”而非“{expected}”生成的：为其他用途（例如 git 提交）生成的签名不是证据签名",
    },
    "signing.unknown_signer": {
        "en": "signed by a key that is not in {allowed} (key {key}): the signer is not one you trust ({detail})",
        "zh": "签名所用的密钥不在 {allowed} 中（密钥 {key}）：签名者不是您信任的人（{detail}）",
    },
    "signing.wrong_identity": {
        "en": "signed by {principal}, not by {identity}",
        "zh": "签名者是 {principal}，而不是 {identity}",
    },
    "signing.bad_signature": {
        "en": "the file does not match its signature {signature}: it was changed after it was signed, or the signature is another file's ({detail})",
        "zh": "文件与其签名 {signature} 不符：文件在签名后被修改，或该签名属于另一个文件（{detail}）",
    },
    "signing.not_allowed": {
        "en": "the signature matches the file, but {allowed} does not accept its key for evidence signatures (its namespaces or validity dates; {detail})",
        "zh": "签名与文件相符，但 {allowed} 不接受该密钥用于证据签名（其 namespaces 或有效日期；{detail}）",
    },
    "signing.needs_allowed_signers": {
        "en": "--signature needs --allowed-signers: the file that says who may sign",
        "zh": "--signature 需要 --allowed-signers：说明谁可以签名的文件",
    },
    "signing.verified": {
        "en": "signature {signature} is good: signed by {principal}",
        "zh": "签名 {signature} 有效：签名者为 {principal}",
    },
}


def current_language() -> str:
    """The language messages are produced in now."""
    return _language.get()


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Produce messages in ``language`` inside the ``with`` block.

    Unknown languages fall back to English, so a site in, say, French still
    builds with English generated text rather than failing.
    """
    token = _language.set(language if language in LANGUAGES else "en")
    try:
        yield
    finally:
        _language.reset(token)


def normalise_language(language: str | None) -> str:
    """Map a theme language such as ``zh-Hans`` or ``en_GB`` to a table language."""
    if not language:
        return "en"
    base = language.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else "en"


def did_you_mean(name: str, known: Iterable[str], prefix: str = "") -> str:
    """A translated hint naming the known name closest to ``name``, or "" when none is close.

    Every "unknown …" message of SQMS ends with it, so a typo is fixed at a glance.
    """
    close = difflib.get_close_matches(name, list(known), n=1)
    return t("schema.did_you_mean", name=prefix + close[0]) if close else ""


def t(key: str, /, **values: object) -> str:
    """Translate ``key`` into the current language and fill in ``values``."""
    entry = MESSAGES[key]
    text = entry.get(_language.get()) or entry["en"]
    return text.format(**values) if values else text
