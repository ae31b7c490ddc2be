"""The output tables' columns and their types, without pandas (workers validate rows against it).

Column names and order are the contract of SPEC.md section 2: a new column
goes where SPEC.md lists it (director_* after officer_*, year_to after year);
columns beyond SPEC go at the end of their table; none is ever renamed.
"""

from __future__ import annotations

STR = "string"
INT = "Int64"
BOOL = "boolean"
FLOAT = "Float64"
DATE = "date32"  # pandas: ArrowDtype(pa.date32()), see tables.py

SCHEMAS: dict[str, dict[str, object]] = {
    "files": {
        "source_file": STR, "sha256": STR, "size_bytes": INT, "format": STR, "government": STR, "encoding": STR,
        "status": STR, "n_cards": INT, "error_code": STR, "message": STR,
    },
    "cards": {
        "source_file": STR, "card_index": INT, "office": STR, "government": STR, "duplicate_of": STR,
        "as_of": DATE, "card_no": STR,
        "title": STR, "lead_department": STR, "related_departments": STR,
        "team_leader_rank": STR, "team_leader_name": STR, "team_leader_phone": STR,
        "officer_rank": STR, "officer_name": STR, "officer_phone": STR,
        "director_rank": STR, "director_name": STR, "director_phone": STR,
        "category": STR, "implementing_body": STR, "within_term": BOOL,
        "period_start_year": INT, "period_end_year": INT, "continues_after_term": BOOL,
        "budget_total_krw": INT, "budget_national_krw": INT, "budget_provincial_krw": INT,
        "budget_local_krw": INT, "budget_other_krw": INT,
        "status": STR, "status_code": STR, "progress_pct": FLOAT, "goal": STR,
        "ocr_confidence": FLOAT,
        "page": INT,  # added beyond SPEC: the page (section in HWP) the card starts on
    },
    "tasks": {
        "source_file": STR, "card_index": INT, "card_no": STR, "task_no": INT, "text": STR,
        "amount_krw": INT, "end_year": INT,
    },
    "budget": {
        "source_file": STR, "card_index": INT, "card_no": STR, "plan_kind": STR, "fund_label": STR,
        "fund": STR, "period_label": STR, "period": STR, "year": INT, "year_to": INT, "amount_krw": INT,
        "amount_raw": STR,
    },
    "items": {
        "source_file": STR, "card_index": INT, "card_no": STR, "section_no": INT, "section_title": STR,
        "item_no": INT, "level": INT, "marker": STR, "text": STR, "parent_item_no": INT,
    },
    "checks": {
        "source_file": STR, "card_index": INT, "card_no": STR, "check": STR, "severity": STR,
        "message": STR, "expected": STR, "actual": STR,
        "location": STR,  # added beyond SPEC: which row/column/field the check looked at
    },
    "fields": {
        "source_file": STR, "card_index": INT, "card_no": STR, "label": STR, "value": STR, "field": STR,
    },
}  # fmt: skip

TABLE_NAMES = tuple(SCHEMAS)  # the seven tables, in the order they are written and listed

# Written by `cardex compare OLD NEW`: one row per change between two deadlines.
CHANGES: dict[str, object] = {
    "kind": STR, "office": STR, "government": STR, "card_no": STR, "title": STR, "old_source_file": STR,
    "new_source_file": STR, "old_as_of": DATE, "new_as_of": DATE, "detail": STR, "old_value": STR,
    "new_value": STR, "old_amount_krw": INT, "new_amount_krw": INT,
}  # fmt: skip
CHANGE_KINDS = (
    "added", "dropped", "status_changed", "status_regressed", "progress_increased", "progress_decreased",
    "budget_changed", "department_changed", "new_items", "card_no_reused",
)  # fmt: skip

# What each column means, short and in Korean, for the analyst who reads the workbook's header
# (the README's 한국어 column). Every column of every table has one (a test keeps it so).
LABELS_KO: dict[str, str] = {
    "source_file": "파일 경로", "sha256": "해시", "size_bytes": "크기(바이트)", "format": "형식",
    "government": "기관", "encoding": "인코딩", "status": "처리상태", "n_cards": "카드 수",
    "error_code": "오류코드", "message": "안내", "card_index": "파일 내 순번", "office": "직위",
    "duplicate_of": "중복(앞선 카드)", "as_of": "기준일", "card_no": "관리번호", "title": "공약명",
    "lead_department": "주관부서", "related_departments": "관련부서", "team_leader_rank": "팀장 직급",
    "team_leader_name": "팀장 성명", "team_leader_phone": "팀장 전화", "officer_rank": "담당자 직급",
    "officer_name": "담당자 성명", "officer_phone": "담당자 전화", "director_rank": "과장 직급",
    "director_name": "과장 성명", "director_phone": "과장 전화", "category": "구분",
    "implementing_body": "사업주체", "within_term": "임기내 완료", "period_start_year": "사업 시작연도",
    "period_end_year": "사업 종료연도", "continues_after_term": "임기 후 계속",
    "budget_total_krw": "소요예산 총액(원)", "budget_national_krw": "국비(원)",
    "budget_provincial_krw": "광역(시·도비)(원)", "budget_local_krw": "자체(시군구비)(원)",
    "budget_other_krw": "기타·민자(원)", "status_code": "추진상황 코드", "progress_pct": "진도(%)",
    "goal": "공약목표", "ocr_confidence": "OCR 신뢰도", "task_no": "과제 번호", "text": "내용",
    "amount_krw": "금액(원)", "end_year": "완료연도", "plan_kind": "구분(계획·확보·투입)", "fund_label": "재원(원문)",
    "fund": "재원", "period_label": "기간(원문)", "period": "기간", "year": "연도", "year_to": "끝 연도",
    "amount_raw": "금액(원문)", "section_no": "항목 번호", "section_title": "항목 제목", "item_no": "줄 번호",
    "level": "수준", "marker": "기호", "parent_item_no": "상위 줄 번호", "check": "검증 항목", "severity": "심각도",
    "expected": "기대값", "actual": "실제값", "location": "위치", "label": "항목명(원문)", "value": "값(원문)",
    "field": "열 이름", "kind": "변경 종류", "old_source_file": "이전 파일", "new_source_file": "현재 파일",
    "old_as_of": "이전 기준일", "new_as_of": "현재 기준일", "detail": "세부", "old_value": "이전 값",
    "new_value": "현재 값", "old_amount_krw": "이전 금액(원)", "new_amount_krw": "현재 금액(원)", "run": "실행",
    "folder": "폴더", "cards": "카드 수", "page": "쪽",
    "tasks": "추진과제",  # fields.field names the tasks table for the 추진과제 cell
}  # fmt: skip
