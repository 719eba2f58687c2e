"""`oubli seed`: fill the store with a synthetic département (Faker fr_FR)."""

import typer

from oubli.cli.context import open_app
from oubli.cli.output import console, day_option, emit_json, progress


def seed(
    ctx: typer.Context,
    cases: int = typer.Option(..., "--cases", min=1, help="How many cases (one per child) to make."),
    seed_value: int = typer.Option(1, "--seed", help="The seed: the same seed gives the same département."),
    as_of: str = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                              help="The day the département's history runs up to. Default: today."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Make a realistic synthetic département: families, cases, measures, concerns and notes.

    Only synthetic people (Faker, locale fr_FR). Seeding again with the same seed updates the
    same cases; another seed adds other families.

    Example: oubli seed --cases 1000 --seed 42 --as-of 2026-01-31
    """
    from synthetic.seed import seed_cases

    day = day_option(as_of, "--as-of")
    app = open_app(ctx)
    day = day or app.today()
    with progress("Seeding cases", cases) as advance:
        saved, created = seed_cases(app.uow(), cases, seed_value, day, on_saved=advance)
    result = {"cases": saved, "created": created, "updated": saved - created, "seed": seed_value,
              "as_of": day.isoformat()}
    if as_json:
        emit_json(result)
    else:
        console.print(f"Seeded {saved} cases ({created} new, {saved - created} updated) "
                      f"with seed {seed_value}, as of {day.isoformat()}.", highlight=False)
