"""The one translation table for every string SQMS shows a person.

Messages, page titles, table headers, statuses and chart labels all come from
:data:`MESSAGES`, in English and Simplified Chinese. The language is chosen
per build or per command (:func:`use_language`), never per call site.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    # --- yaml ---
    "yaml.not_found": {"en": "file not found", "zh": "文件不存在"},
    "yaml.not_utf8": {
        "en": "not UTF-8 text (byte {offset}): save the file as UTF-8",
        "zh": "不是 UTF-8 文本（第 {offset} 字节）：请以 UTF-8 保存文件",
    },
    "yaml.syntax": {"en": "invalid YAML: {problem}", "zh": "YAML 语法错误：{problem}"},
    "yaml.duplicate_key": {
        "en": 'duplicate key "{key}" (first defined on line {first})',
        "zh": "重复的键“{key}”（首次定义于第 {first} 行）",
    },
    "yaml.empty": {"en": "the file is empty", "zh": "文件为空"},
    "yaml.unsupported_tag": {
        "en": "unsupported YAML tag {tag}: only plain data is allowed",
        "zh": "不支持的 YAML 标签 {tag}：只允许纯数据",
    },
    # --- schema (validation of YAML against the models) ---
    "schema.missing": {"en": 'missing required key "{key}"', "zh": "缺少必需的键“{key}”"},
    "schema.unknown_key": {
        "en": 'unknown key "{key}"{hint}',
        "zh": "未知的键“{key}”{hint}",
    },
    "schema.did_you_mean": {"en": ' (did you mean "{name}"?)', "zh": "（是否想写“{name}”？）"},
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
    "chart.period": {"en": "Period", "zh": "周期"},
    "chart.value": {"en": "Value", "zh": "数值"},
    "chart.trend_description": {
        "en": "Line chart of {title} per period, with its target and warning thresholds.",
        "zh": "{title} 各周期数值的折线图，含目标线与预警线。",
    },
    "chart.trend_caption": {
        "en": "{name} per period. Solid green: target; dashed orange: warning threshold; dotted pink: peer benchmark. The numbers are in the table below.",
        "zh": "{name} 各周期数值。绿色实线：目标；橙色虚线：预警阈值；粉色点线：同业标杆。具体数值见下表。",
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
    "formula.median": {
        "en": "median of {column} over {dataset} rows where {where}",
        "zh": "{dataset} 中满足 {where} 的行的 {column} 中位数",
    },
    "formula.quantile": {
        "en": "{q}th percentile (nearest rank) of {column} over {dataset} rows where {where}",
        "zh": "{dataset} 中满足 {where} 的行的 {column} 第 {q} 百分位数（最近秩法）",
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
    # --- cli ---
    "cli.check_ok": {
        "en": "project is valid: {indicators} indicators checked",
        "zh": "项目有效：已检查 {indicators} 个指标",
    },
    "cli.wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
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


def t(key: str, /, **values: object) -> str:
    """Translate ``key`` into the current language and fill in ``values``."""
    entry = MESSAGES[key]
    text = entry.get(_language.get()) or entry["en"]
    return text.format(**values) if values else text
