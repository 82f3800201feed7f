"""Stable codes for every kind of diagnostic: ``SQ201`` names "a key the format does not know".

A code belongs to a message id of the catalogs (:mod:`sqms.i18n`), never to its
wording: rewording a message or translating it keeps its code, so CI can
filter and count problems by kind and tools can match them. Codes are never
reused; a retired message keeps its number out of use.

The hundreds group the area a problem is found in:

====== ===============================================
SQ1xx  files and YAML: reading, bounds, confinement
SQ2xx  the format of a YAML file: keys, types, values
SQ3xx  datasets and data files: columns, values, rows
SQ4xx  the quality plan: indicators, expressions, control charts
SQ5xx  controlled documents and the manual
SQ6xx  registers: complaints, feedback, actions, training, audits, reviews, risks
SQ7xx  standards and evidence: frameworks, clauses, packs, signatures
SQ8xx  the site and the commands: directives, diff, new projects
====== ===============================================

Each code's fix is the catalog message ``fix.<code>``; the reference page of
diagnostics lists every code with its message, an example and its fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from sqms.i18n import N_

UNCODED = "SQ000"
"""The code of a message that has none yet (a gap the test suite reports)."""

AREAS: Mapping[str, str] = {
    "SQ1": "files and YAML",
    "SQ2": "the format of a YAML file",
    "SQ3": "datasets and data files",
    "SQ4": "the quality plan and its indicators",
    "SQ5": "controlled documents and the manual",
    "SQ6": "registers",
    "SQ7": "standards and evidence",
    "SQ8": "the site and the commands",
}
"""The area of each hundred of codes, for the reference page."""


class Code(NamedTuple):
    """A code and the catalog id of its fix (``fix.SQ201``)."""

    number: str
    fix: str


TABLE: Mapping[str, Code] = {
    # SQ1xx
    "bounds.too_large": Code("SQ101", N_("fix.SQ101")),
    "files.link_outside": Code("SQ102", N_("fix.SQ102")),
    "files.pack_link": Code("SQ103", N_("fix.SQ103")),
    "yaml.empty": Code("SQ104", N_("fix.SQ104")),
    "yaml.file_too_large": Code("SQ105", N_("fix.SQ105")),
    "yaml.front_matter_too_large": Code("SQ106", N_("fix.SQ106")),
    "yaml.not_a_file": Code("SQ107", N_("fix.SQ107")),
    "yaml.not_found": Code("SQ108", N_("fix.SQ108")),
    "yaml.not_utf8": Code("SQ109", N_("fix.SQ109")),
    "yaml.syntax": Code("SQ110", N_("fix.SQ110")),
    "yaml.unreadable": Code("SQ111", N_("fix.SQ111")),
    # SQ2xx
    "schema.expected": Code("SQ201", N_("fix.SQ201")),
    "schema.invalid": Code("SQ202", N_("fix.SQ202")),
    "schema.missing": Code("SQ203", N_("fix.SQ203")),
    "schema.not_one_of": Code("SQ204", N_("fix.SQ204")),
    "schema.unknown_key": Code("SQ205", N_("fix.SQ205")),
    # SQ3xx
    "breakdown.too_many_values": Code("SQ301", N_("fix.SQ301")),
    "calendar.bad_date": Code("SQ302", N_("fix.SQ302")),
    "calendar.bad_interval": Code("SQ303", N_("fix.SQ303")),
    "calendar.bad_table": Code("SQ304", N_("fix.SQ304")),
    "calendar.bad_time": Code("SQ305", N_("fix.SQ305")),
    "calendar.bad_weekday": Code("SQ306", N_("fix.SQ306")),
    "calendar.empty_interval": Code("SQ307", N_("fix.SQ307")),
    "calendar.holidays_not_list": Code("SQ308", N_("fix.SQ308")),
    "calendar.index_mismatch": Code("SQ309", N_("fix.SQ309")),
    "calendar.naive_times": Code("SQ310", N_("fix.SQ310")),
    "calendar.no_weekdays": Code("SQ311", N_("fix.SQ311")),
    "calendar.overlap": Code("SQ312", N_("fix.SQ312")),
    "calendar.range_too_long": Code("SQ313", N_("fix.SQ313")),
    "calendar.reversed_range": Code("SQ314", N_("fix.SQ314")),
    "calendar.too_many_holidays": Code("SQ315", N_("fix.SQ315")),
    "calendar.too_many_intervals": Code("SQ316", N_("fix.SQ316")),
    "calendar.weekday_repeated": Code("SQ317", N_("fix.SQ317")),
    "data.above_max": Code("SQ318", N_("fix.SQ318")),
    "data.bad_byte": Code("SQ319", N_("fix.SQ319")),
    "data.below_min": Code("SQ320", N_("fix.SQ320")),
    "data.column_missing": Code("SQ321", N_("fix.SQ321")),
    "data.delimiter_one_character": Code("SQ322", N_("fix.SQ322")),
    "data.duplicate": Code("SQ323", N_("fix.SQ323")),
    "data.duplicate_header": Code("SQ324", N_("fix.SQ324")),
    "data.file_missing": Code("SQ325", N_("fix.SQ325")),
    "data.formula_not_calculated": Code("SQ326", N_("fix.SQ326")),
    "data.header_only": Code("SQ327", N_("fix.SQ327")),
    "data.json_not_object": Code("SQ328", N_("fix.SQ328")),
    "data.json_syntax": Code("SQ329", N_("fix.SQ329")),
    "data.json_too_deep": Code("SQ330", N_("fix.SQ330")),
    "data.list_item_not_text": Code("SQ331", N_("fix.SQ331")),
    "data.more_rows": Code("SQ332", N_("fix.SQ332")),
    "data.not_a_file": Code("SQ333", N_("fix.SQ333")),
    "data.not_allowed": Code("SQ334", N_("fix.SQ334")),
    "data.not_boolean": Code("SQ335", N_("fix.SQ335")),
    "data.not_category": Code("SQ336", N_("fix.SQ336")),
    "data.not_datetime": Code("SQ337", N_("fix.SQ337")),
    "data.not_integer": Code("SQ338", N_("fix.SQ338")),
    "data.not_list": Code("SQ339", N_("fix.SQ339")),
    "data.not_number": Code("SQ340", N_("fix.SQ340")),
    "data.order_policy_alone": Code("SQ341", N_("fix.SQ341")),
    "data.order_repeated": Code("SQ342", N_("fix.SQ342")),
    "data.order_too_short": Code("SQ343", N_("fix.SQ343")),
    "data.out_of_order": Code("SQ344", N_("fix.SQ344")),
    "data.outside": Code("SQ345", N_("fix.SQ345")),
    "data.required": Code("SQ346", N_("fix.SQ346")),
    "data.separator_empty": Code("SQ347", N_("fix.SQ347")),
    "data.separator_needs_list": Code("SQ348", N_("fix.SQ348")),
    "data.time_not_datetime": Code("SQ349", N_("fix.SQ349")),
    "data.time_out_of_range": Code("SQ350", N_("fix.SQ350")),
    "data.undeclared_column": Code("SQ351", N_("fix.SQ351")),
    "data.unknown_encoding": Code("SQ352", N_("fix.SQ352")),
    "data.unknown_format": Code("SQ353", N_("fix.SQ353")),
    "data.unreadable": Code("SQ354", N_("fix.SQ354")),
    "datasets.derive_map_needs_values": Code("SQ355", N_("fix.SQ355")),
    "datasets.derive_needs_calendar": Code("SQ356", N_("fix.SQ356")),
    "datasets.derive_one_kind": Code("SQ357", N_("fix.SQ357")),
    "derive.unknown_calendar": Code("SQ358", N_("fix.SQ358")),
    "privacy.derived_published": Code("SQ359", N_("fix.SQ359")),
    "privacy.published": Code("SQ360", N_("fix.SQ360")),
    "data.engine_memory_limit": Code("SQ361", N_("fix.SQ361")),
    "data.file_or_table": Code("SQ362", N_("fix.SQ362")),
    "data.table_needs_connection": Code("SQ363", N_("fix.SQ363")),
    "data.table_name": Code("SQ364", N_("fix.SQ364")),
    "data.file_only": Code("SQ365", N_("fix.SQ365")),
    "data.connection_variable": Code("SQ366", N_("fix.SQ366")),
    "data.connection_unset": Code("SQ367", N_("fix.SQ367")),
    "data.connection_scheme": Code("SQ368", N_("fix.SQ368")),
    "data.connection_failed": Code("SQ369", N_("fix.SQ369")),
    "data.table_unknown": Code("SQ370", N_("fix.SQ370")),
    "data.table_no_column": Code("SQ371", N_("fix.SQ371")),
    "data.table_column_type": Code("SQ372", N_("fix.SQ372")),
    "data.table_time_skipped": Code("SQ373", N_("fix.SQ373")),
    "data.table_time_repeated": Code("SQ374", N_("fix.SQ374")),
    "data.unknown_connection": Code("SQ375", N_("fix.SQ375")),
    "data.table_query_failed": Code("SQ377", N_("fix.SQ377")),
    "data.tables_unread": Code("SQ378", N_("fix.SQ378")),
    "data.engine_no_room": Code("SQ379", N_("fix.SQ379")),
    "data.engine_failed": Code("SQ380", N_("fix.SQ380")),
    "data.no_rows": Code("SQ381", N_("fix.SQ381")),
    "data.connection_driver": Code("SQ382", N_("fix.SQ382")),
    "data.connection_version": Code("SQ383", N_("fix.SQ383")),
    "data.table_system": Code("SQ384", N_("fix.SQ384")),
    "data.not_date": Code("SQ385", N_("fix.SQ385")),
    # SQ4xx
    "expr.arity": Code("SQ401", N_("fix.SQ401")),
    "expr.arity_min": Code("SQ402", N_("fix.SQ402")),
    "expr.bad_datetime": Code("SQ403", N_("fix.SQ403")),
    "expr.call_target": Code("SQ404", N_("fix.SQ404")),
    "expr.chain": Code("SQ405", N_("fix.SQ405")),
    "expr.comment": Code("SQ406", N_("fix.SQ406")),
    "expr.datetime_arithmetic": Code("SQ407", N_("fix.SQ407")),
    "expr.dunder": Code("SQ408", N_("fix.SQ408")),
    "expr.duplicate_column": Code("SQ409", N_("fix.SQ409")),
    "expr.empty": Code("SQ410", N_("fix.SQ410")),
    "expr.evaluation": Code("SQ411", N_("fix.SQ411")),
    "expr.in_needs_list": Code("SQ412", N_("fix.SQ412")),
    "expr.is_non_null": Code("SQ413", N_("fix.SQ413")),
    "expr.list_items": Code("SQ414", N_("fix.SQ414")),
    "expr.list_mixed": Code("SQ415", N_("fix.SQ415")),
    "expr.list_position": Code("SQ416", N_("fix.SQ416")),
    "expr.literal_argument": Code("SQ417", N_("fix.SQ417")),
    "expr.mixed_types": Code("SQ418", N_("fix.SQ418")),
    "expr.not_allowed": Code("SQ419", N_("fix.SQ419")),
    "expr.not_condition": Code("SQ420", N_("fix.SQ420")),
    "expr.not_text": Code("SQ421", N_("fix.SQ421")),
    "expr.null_usage": Code("SQ422", N_("fix.SQ422")),
    "expr.number_range": Code("SQ423", N_("fix.SQ423")),
    "expr.syntax": Code("SQ424", N_("fix.SQ424")),
    "expr.too_deep": Code("SQ425", N_("fix.SQ425")),
    "expr.too_long": Code("SQ426", N_("fix.SQ426")),
    "expr.unknown_column": Code("SQ427", N_("fix.SQ427")),
    "expr.unknown_function": Code("SQ428", N_("fix.SQ428")),
    "expr.unknown_timezone": Code("SQ429", N_("fix.SQ429")),
    "plan.bad_label": Code("SQ430", N_("fix.SQ430")),
    "plan.baseline_reversed": Code("SQ431", N_("fix.SQ431")),
    "plan.chart_measure": Code("SQ432", N_("fix.SQ432")),
    "plan.column_type": Code("SQ433", N_("fix.SQ433")),
    "plan.component_needs_target": Code("SQ434", N_("fix.SQ434")),
    "plan.cycle_needs_calendar": Code("SQ435", N_("fix.SQ435")),
    "plan.cycle_needs_key": Code("SQ436", N_("fix.SQ436")),
    "plan.cycle_needs_stages": Code("SQ437", N_("fix.SQ437")),
    "plan.measure_needs": Code("SQ438", N_("fix.SQ438")),
    "plan.method_only_quantile": Code("SQ439", N_("fix.SQ439")),
    "plan.reporting_too_long": Code("SQ440", N_("fix.SQ440")),
    "plan.target_or_targets": Code("SQ441", N_("fix.SQ441")),
    "plan.unknown_calendar": Code("SQ442", N_("fix.SQ442")),
    "plan.unknown_column": Code("SQ443", N_("fix.SQ443")),
    "plan.unknown_dataset": Code("SQ444", N_("fix.SQ444")),
    "plan.unknown_indicator": Code("SQ445", N_("fix.SQ445")),
    "plan.unknown_rule": Code("SQ446", N_("fix.SQ446")),
    "plan.warning_side": Code("SQ447", N_("fix.SQ447")),
    "signal.baseline_short": Code("SQ448", N_("fix.SQ448")),
    "spc.baseline_step": Code("SQ449", N_("fix.SQ449")),
    "spc.exclude_outside": Code("SQ450", N_("fix.SQ450")),
    "spc.length_mismatch": Code("SQ451", N_("fix.SQ451")),
    "spc.not_finite": Code("SQ452", N_("fix.SQ452")),
    "spc.not_series": Code("SQ453", N_("fix.SQ453")),
    "spc.too_few": Code("SQ454", N_("fix.SQ454")),
    "spc.unknown_label": Code("SQ455", N_("fix.SQ455")),
    "spc.unknown_rule": Code("SQ456", N_("fix.SQ456")),
    "plan.cycle_table": Code("SQ457", N_("fix.SQ457")),
    "plan.no_time": Code("SQ458", N_("fix.SQ458")),
    # SQ5xx
    "doc.approved_in_future": Code("SQ501", N_("fix.SQ501")),
    "doc.bad_id": Code("SQ502", N_("fix.SQ502")),
    "doc.bad_interval": Code("SQ503", N_("fix.SQ503")),
    "doc.bad_version": Code("SQ504", N_("fix.SQ504")),
    "doc.blank_approver": Code("SQ505", N_("fix.SQ505")),
    "doc.blank_owner": Code("SQ506", N_("fix.SQ506")),
    "doc.changed_after_approval": Code("SQ507", N_("fix.SQ507")),
    "doc.changes_not_judged_shallow": Code("SQ508", N_("fix.SQ508")),
    "doc.date_out_of_range": Code("SQ509", N_("fix.SQ509")),
    "doc.duplicate_id": Code("SQ510", N_("fix.SQ510")),
    "doc.effective_before_approval": Code("SQ511", N_("fix.SQ511")),
    "doc.interval_too_long": Code("SQ512", N_("fix.SQ512")),
    "doc.needs_approval": Code("SQ513", N_("fix.SQ513")),
    "doc.needs_review": Code("SQ514", N_("fix.SQ514")),
    "doc.no_front_matter": Code("SQ515", N_("fix.SQ515")),
    "doc.refers_to_unapproved": Code("SQ516", N_("fix.SQ516")),
    "doc.review_one_way": Code("SQ517", N_("fix.SQ517")),
    "doc.too_many": Code("SQ518", N_("fix.SQ518")),
    "doc.unknown_reference": Code("SQ519", N_("fix.SQ519")),
    "doc.version_lowered": Code("SQ520", N_("fix.SQ520")),
    # SQ6xx
    "actions.bad_id": Code("SQ601", N_("fix.SQ601")),
    "actions.bad_window": Code("SQ602", N_("fix.SQ602")),
    "actions.breakdown_one": Code("SQ603", N_("fix.SQ603")),
    "actions.closed_before_opened": Code("SQ604", N_("fix.SQ604")),
    "actions.closed_needs_date": Code("SQ605", N_("fix.SQ605")),
    "actions.closed_step_open": Code("SQ606", N_("fix.SQ606")),
    "actions.date_needs_closed": Code("SQ607", N_("fix.SQ607")),
    "actions.done_after_closed": Code("SQ608", N_("fix.SQ608")),
    "actions.duplicate_id": Code("SQ609", N_("fix.SQ609")),
    "actions.follow_up_not_after": Code("SQ610", N_("fix.SQ610")),
    "actions.root_cause_empty": Code("SQ611", N_("fix.SQ611")),
    "actions.source_needs_refs": Code("SQ612", N_("fix.SQ612")),
    "actions.span_too_long": Code("SQ613", N_("fix.SQ613")),
    "actions.unknown_dim_value": Code("SQ614", N_("fix.SQ614")),
    "actions.unknown_dimension": Code("SQ615", N_("fix.SQ615")),
    "actions.window_backwards": Code("SQ616", N_("fix.SQ616")),
    "actions.window_period": Code("SQ617", N_("fix.SQ617")),
    "audits.bad_clause": Code("SQ618", N_("fix.SQ618")),
    "audits.clause_out_of_scope": Code("SQ619", N_("fix.SQ619")),
    "audits.closed_before_held": Code("SQ620", N_("fix.SQ620")),
    "audits.closed_future": Code("SQ621", N_("fix.SQ621")),
    "audits.duplicate": Code("SQ622", N_("fix.SQ622")),
    "audits.findings_not_held": Code("SQ623", N_("fix.SQ623")),
    "audits.held_future": Code("SQ624", N_("fix.SQ624")),
    "audits.same_anchor": Code("SQ625", N_("fix.SQ625")),
    "complaints.action_needed_unlinked": Code("SQ626", N_("fix.SQ626")),
    "complaints.age_days_increasing": Code("SQ627", N_("fix.SQ627")),
    "complaints.before_received": Code("SQ628", N_("fix.SQ628")),
    "complaints.column_type": Code("SQ629", N_("fix.SQ629")),
    "complaints.hours_type": Code("SQ630", N_("fix.SQ630")),
    "complaints.missing_standards": Code("SQ631", N_("fix.SQ631")),
    "complaints.not_positive": Code("SQ632", N_("fix.SQ632")),
    "complaints.rate_needs_time": Code("SQ633", N_("fix.SQ633")),
    "complaints.standards_need_severity": Code("SQ634", N_("fix.SQ634")),
    "complaints.time_type": Code("SQ635", N_("fix.SQ635")),
    "complaints.unknown_column": Code("SQ636", N_("fix.SQ636")),
    "complaints.unknown_dataset": Code("SQ637", N_("fix.SQ637")),
    "complaints.unknown_hours_column": Code("SQ638", N_("fix.SQ638")),
    "complaints.unknown_severity": Code("SQ639", N_("fix.SQ639")),
    "feedback.bad_scale": Code("SQ640", N_("fix.SQ640")),
    "feedback.by_twice": Code("SQ641", N_("fix.SQ641")),
    "feedback.column_type": Code("SQ642", N_("fix.SQ642")),
    "feedback.low_outside": Code("SQ643", N_("fix.SQ643")),
    "feedback.no_scores": Code("SQ644", N_("fix.SQ644")),
    "feedback.scale_too_wide": Code("SQ645", N_("fix.SQ645")),
    "feedback.unknown_column": Code("SQ646", N_("fix.SQ646")),
    "feedback.unknown_dataset": Code("SQ647", N_("fix.SQ647")),
    "feedback.unknown_score": Code("SQ648", N_("fix.SQ648")),
    "registers.not_mapping": Code("SQ649", N_("fix.SQ649")),
    "registers.unknown_reference": Code("SQ650", N_("fix.SQ650")),
    "registers.unknown_register": Code("SQ651", N_("fix.SQ651")),
    "registers.unknown_section": Code("SQ652", N_("fix.SQ652")),
    "reviews.bad_period": Code("SQ653", N_("fix.SQ653")),
    "reviews.duplicate": Code("SQ654", N_("fix.SQ654")),
    "reviews.held_before_period": Code("SQ655", N_("fix.SQ655")),
    "reviews.held_future": Code("SQ656", N_("fix.SQ656")),
    "risks.bad_prefix": Code("SQ657", N_("fix.SQ657")),
    "risks.bad_score": Code("SQ658", N_("fix.SQ658")),
    "risks.duplicate": Code("SQ659", N_("fix.SQ659")),
    "training.bad_id": Code("SQ660", N_("fix.SQ660")),
    "training.bad_interval": Code("SQ661", N_("fix.SQ661")),
    "training.duplicate": Code("SQ662", N_("fix.SQ662")),
    "training.duplicate_record": Code("SQ663", N_("fix.SQ663")),
    "training.future_record": Code("SQ664", N_("fix.SQ664")),
    "training.left_before_joined": Code("SQ665", N_("fix.SQ665")),
    "training.unknown": Code("SQ666", N_("fix.SQ666")),
    "registers.table_dataset": Code("SQ667", N_("fix.SQ667")),
    # SQ7xx
    "applicability.no_frameworks": Code("SQ701", N_("fix.SQ701")),
    "applicability.no_justification": Code("SQ702", N_("fix.SQ702")),
    "evidence.bad_manifest": Code("SQ703", N_("fix.SQ703")),
    "evidence.bad_pack": Code("SQ704", N_("fix.SQ704")),
    "evidence.bad_period": Code("SQ705", N_("fix.SQ705")),
    "evidence.built_outside_git": Code("SQ706", N_("fix.SQ706")),
    "evidence.checkout_dirty": Code("SQ707", N_("fix.SQ707")),
    "evidence.commit_differs": Code("SQ708", N_("fix.SQ708")),
    "evidence.definition_changed": Code("SQ709", N_("fix.SQ709")),
    "evidence.indicator_added": Code("SQ710", N_("fix.SQ710")),
    "evidence.indicator_removed": Code("SQ711", N_("fix.SQ711")),
    "evidence.input_added": Code("SQ712", N_("fix.SQ712")),
    "evidence.input_changed": Code("SQ713", N_("fix.SQ713")),
    "evidence.input_missing": Code("SQ714", N_("fix.SQ714")),
    "evidence.more_values": Code("SQ715", N_("fix.SQ715")),
    "evidence.no_checkout": Code("SQ716", N_("fix.SQ716")),
    "evidence.no_site_list": Code("SQ717", N_("fix.SQ717")),
    "evidence.not_manifest": Code("SQ718", N_("fix.SQ718")),
    "evidence.pack_entry_unsafe": Code("SQ719", N_("fix.SQ719")),
    "evidence.pack_incomplete": Code("SQ720", N_("fix.SQ720")),
    "evidence.pack_too_large": Code("SQ721", N_("fix.SQ721")),
    "evidence.self_contradicts": Code("SQ722", N_("fix.SQ722")),
    "evidence.site_added": Code("SQ723", N_("fix.SQ723")),
    "evidence.site_changed": Code("SQ724", N_("fix.SQ724")),
    "evidence.site_missing": Code("SQ725", N_("fix.SQ725")),
    "evidence.software": Code("SQ726", N_("fix.SQ726")),
    "evidence.value_differs": Code("SQ727", N_("fix.SQ727")),
    "framework.bad_clause": Code("SQ728", N_("fix.SQ728")),
    "framework.bad_id": Code("SQ729", N_("fix.SQ729")),
    "framework.duplicate": Code("SQ730", N_("fix.SQ730")),
    "framework.note_unknown": Code("SQ731", N_("fix.SQ731")),
    "framework.two_defaults": Code("SQ732", N_("fix.SQ732")),
    "framework.unknown_clause": Code("SQ733", N_("fix.SQ733")),
    "framework.unknown_framework": Code("SQ734", N_("fix.SQ734")),
    "framework.unquoted": Code("SQ735", N_("fix.SQ735")),
    "signing.allowed_missing": Code("SQ736", N_("fix.SQ736")),
    "signing.bad_signature": Code("SQ737", N_("fix.SQ737")),
    "signing.cannot_write": Code("SQ738", N_("fix.SQ738")),
    "signing.empty_identity": Code("SQ739", N_("fix.SQ739")),
    "signing.file_missing": Code("SQ740", N_("fix.SQ740")),
    "signing.key_missing": Code("SQ741", N_("fix.SQ741")),
    "signing.key_passphrase": Code("SQ742", N_("fix.SQ742")),
    "signing.key_too_open": Code("SQ743", N_("fix.SQ743")),
    "signing.namespace": Code("SQ744", N_("fix.SQ744")),
    "signing.needs_allowed_signers": Code("SQ745", N_("fix.SQ745")),
    "signing.no_ssh_keygen": Code("SQ746", N_("fix.SQ746")),
    "signing.not_allowed": Code("SQ747", N_("fix.SQ747")),
    "signing.not_signature": Code("SQ748", N_("fix.SQ748")),
    "signing.run_failed": Code("SQ749", N_("fix.SQ749")),
    "signing.sign_failed": Code("SQ750", N_("fix.SQ750")),
    "signing.signature_missing": Code("SQ751", N_("fix.SQ751")),
    "signing.timeout": Code("SQ752", N_("fix.SQ752")),
    "signing.unknown_signer": Code("SQ753", N_("fix.SQ753")),
    "signing.wrong_identity": Code("SQ754", N_("fix.SQ754")),
    "evidence.table_gone": Code("SQ755", N_("fix.SQ755")),
    "evidence.table_changed": Code("SQ756", N_("fix.SQ756")),
    "evidence.table_added": Code("SQ757", N_("fix.SQ757")),
    # SQ8xx
    "asof.bad_epoch": Code("SQ801", N_("fix.SQ801")),
    "diff.no_git": Code("SQ802", N_("fix.SQ802")),
    "diff.no_project": Code("SQ803", N_("fix.SQ803")),
    "diff.not_a_repository": Code("SQ804", N_("fix.SQ804")),
    "diff.unknown_revision": Code("SQ805", N_("fix.SQ805")),
    "diff.unreadable": Code("SQ806", N_("fix.SQ806")),
    "embed.bad_option": Code("SQ807", N_("fix.SQ807")),
    "embed.bad_periods": Code("SQ808", N_("fix.SQ808")),
    "embed.by_not_for_kind": Code("SQ809", N_("fix.SQ809")),
    "embed.kind_needs_by": Code("SQ810", N_("fix.SQ810")),
    "embed.needs_indicator": Code("SQ811", N_("fix.SQ811")),
    "embed.no_cycle": Code("SQ812", N_("fix.SQ812")),
    "embed.no_distribution": Code("SQ813", N_("fix.SQ813")),
    "embed.no_history": Code("SQ814", N_("fix.SQ814")),
    "embed.no_pareto": Code("SQ815", N_("fix.SQ815")),
    "embed.own_line": Code("SQ816", N_("fix.SQ816")),
    "embed.repeated_option": Code("SQ817", N_("fix.SQ817")),
    "embed.unknown_dimension": Code("SQ818", N_("fix.SQ818")),
    "embed.unknown_directive": Code("SQ819", N_("fix.SQ819")),
    "embed.unknown_option": Code("SQ820", N_("fix.SQ820")),
    "embed.unknown_period": Code("SQ821", N_("fix.SQ821")),
    "embed.unknown_value": Code("SQ822", N_("fix.SQ822")),
    "schema.cli.bad_settings": Code("SQ823", N_("fix.SQ823")),
    "schema.cli.missing": Code("SQ824", N_("fix.SQ824")),
    "schema.cli.settings_not_object": Code("SQ825", N_("fix.SQ825")),
    "schema.cli.stale": Code("SQ826", N_("fix.SQ826")),
    "schema.cli.unmapped": Code("SQ827", N_("fix.SQ827")),
    "schema.cli.unreadable": Code("SQ828", N_("fix.SQ828")),
    "schema.cli.write_failed": Code("SQ829", N_("fix.SQ829")),
    "schema.cli.yaml_schemas_not_object": Code("SQ830", N_("fix.SQ830")),
    "asof.bad": Code("SQ831", N_("fix.SQ831")),
    "search.no_segmenter": Code("SQ832", N_("fix.SQ832")),
    "chart.font_missing": Code("SQ833", N_("fix.SQ833")),
    "chart.font_unregistered": Code("SQ834", N_("fix.SQ834")),
}
"""Message id → its code and fix. Append new codes; never renumber or reuse one."""

CODES: Mapping[str, str] = {key: code.number for key, code in TABLE.items()}
"""Message id → code."""


def _coded(message: object) -> tuple[str, object] | None:
    """The code and the message (itself, or the first one nested in its values) that has one."""
    key = getattr(message, "key", None)
    if isinstance(key, str) and key in CODES:
        return CODES[key], message
    values = getattr(message, "values", None)
    if isinstance(values, Mapping):
        for value in values.values():
            found = _coded(value)
            if found is not None:
                return found
    return None


def code_of(message: object) -> str:
    """The code of a diagnostic's message (a wrapper takes the code of what it wraps)."""
    found = _coded(message)
    return UNCODED if found is None else found[0]


def params_of(message: object) -> dict[str, object]:
    """The values of the coded message, JSON-ready: nested messages and other objects as text."""
    found = _coded(message)
    values = getattr(message if found is None else found[1], "values", None)
    if not isinstance(values, Mapping):
        return {}
    return {str(key): _json_value(value) for key, value in values.items()}


def _json_value(value: object) -> object:
    """A value as JSON holds it: numbers and null as they are, anything else as text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    render = getattr(value, "render", None)
    return str(render()) if render is not None else str(value)
