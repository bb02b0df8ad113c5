"""KPI-12: the quarterly assessment sheet (考核表), written with xlsxwriter.

One row per person, a column per criterion, totals and grades; print-ready:
landscape, fit to one page wide, header row repeated on every page, borders.
Every text is written with ``write_string``: xlsxwriter's ``write`` turns a
text starting with "=" into a formula, and a name such as
``=HYPERLINK("http://x","y")`` would become a live link in the sheet.
"""

import io
from collections import defaultdict

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name


def render_assessment_sheet(env, cards, year, quarter):
    """Return the XLSX bytes of ``cards`` (one period). Headers are translated
    in ``env.lang``."""
    criteria = cards.line_ids.criterion_id.sorted(lambda c: (c.sequence, c.id))
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = book.add_worksheet(env._("Assessment"))
    title_fmt = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    head_fmt = book.add_format(
        {
            "bold": True,
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
            "bg_color": "#D9E1F2",
        }
    )
    cell_fmt = book.add_format({"border": 1})
    num_fmt = book.add_format({"border": 1, "num_format": "0.00"})
    headers = [
        env._("Employee"),
        env._("Team"),
        *[
            "%s (%s)"
            % (criterion.with_context(lang=env.lang).name, criterion.max_points)
            for criterion in criteria
        ],
        env._("Base score"),
        env._("Bonus points"),
        env._("Total"),
        env._("Grade"),
        env._("State"),
    ]
    title = env._(
        "Callback assessment sheet %(year)s Q%(quarter)s", year=year, quarter=quarter
    )
    sheet.merge_range(0, 0, 0, len(headers) - 1, "", title_fmt)
    sheet.write_string(0, 0, title, title_fmt)
    header_row = 2
    for col, header in enumerate(headers):
        sheet.write_string(header_row, col, header, head_fmt)
    states = dict(
        cards.with_context(lang=env.lang)._fields["state"]._description_selection(env)
    )
    row = header_row + 1
    values = defaultdict(list)  # column -> numbers, for the average row
    for card in cards:
        points = {line.criterion_id.id: line.points for line in card.line_ids}
        sheet.write_string(row, 0, card.employee_id.name or "", cell_fmt)
        sheet.write_string(row, 1, card.department_id.name or "", cell_fmt)
        numbers = [
            *(points.get(criterion.id, 0.0) for criterion in criteria),
            card.base_score,
            card.bonus_total,
            card.total_score,
        ]
        for col, number in enumerate(numbers, start=2):
            sheet.write_number(row, col, number, num_fmt)
            values[col].append(number)
        col = 2 + len(criteria)
        sheet.write_string(row, col + 3, card.grade or "", cell_fmt)
        sheet.write_string(row, col + 4, states.get(card.state, card.state), cell_fmt)
        row += 1
    # average row and signatures (the sheet is signed on paper)
    first, last = header_row + 2, row  # 1-based Excel rows of the people
    sheet.write_string(row, 0, env._("Average"), head_fmt)
    sheet.write_blank(row, 1, None, head_fmt)
    for column in range(2, len(headers) - 2):
        letter = xl_col_to_name(column)
        sheet.write_formula(
            row,
            column,
            f"=AVERAGE({letter}{first}:{letter}{last})",
            num_fmt,
            round(sum(values[column]) / len(values[column]), 2)
            if values[column]
            else 0.0,
        )
    sheet.write_blank(row, len(headers) - 2, None, head_fmt)
    sheet.write_blank(row, len(headers) - 1, None, head_fmt)
    sheet.write_string(row + 2, 0, env._("Assessed by:"))
    sheet.write_string(row + 2, 3, env._("Approved by (HR):"))
    sheet.write_string(row + 2, 6, env._("Date:"))
    sheet.set_column(0, 1, 18)
    sheet.set_column(2, len(headers) - 1, 12)
    sheet.set_row(header_row, 36)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.freeze_panes(header_row + 1, 1)
    book.close()
    return output.getvalue()
