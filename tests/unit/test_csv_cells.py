import io

import pytest

from casefiles.kernel.csv_cells import CsvWriter, neutral_cell


@pytest.mark.parametrize(("cell", "written"), [
    ("=1+2", "'=1+2"),
    ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=cmd", "'\t=cmd"),
    ("\r=cmd", "'\r=cmd"),
    ("D-31-0000042", "D-31-0000042"),  # a sign inside a cell is no formula
    ("a=b", "a=b"),
    ("", ""),
    (-5, -5),  # numbers are written as they are
    (None, None),
])
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(cell, written):
    assert neutral_cell(cell) == written


def test_every_cell_of_every_row_goes_through_the_writer_neutralised():
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(["case", "child"])
    writer.writerows([["=1+2", "@.E."], ["D-1", "A.B."]])
    assert out.getvalue() == "case,child\r\n'=1+2,'@.E.\r\nD-1,A.B.\r\n"
