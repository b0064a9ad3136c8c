"""Helpers for the import tests: records that satisfy whatever sis requires."""

from datetime import date


def complete_required(env, model, vals):
    """Fill required fields the test does not care about (sis may add some)."""
    Model = env[model]
    defaults = Model.default_get(list(Model._fields))
    for name, field in Model._fields.items():
        if not field.required or name in vals or name in defaults:
            continue
        if field.compute or field.related or name in ("id", "partner_id"):
            continue
        if field.type == "many2one":
            record = env[field.comodel_name].search([], limit=1)
            if record:
                vals[name] = record.id
        elif field.type == "date":
            vals[name] = date.today()
        elif field.type == "selection":
            selection = field._description_selection(env)
            if selection:
                vals[name] = selection[0][0]
        elif field.type in ("char", "text"):
            vals[name] = "X"
    return vals


def enroll_from(env, student, district, year, grade_level, when):
    """Enroll ``student`` here from ``district`` (Prior District)."""
    vals = {
        "student_id": student.id,
        "school_year_id": year.id,
        "enrollment_date": when,
        "prior_district_id": district.id,
        "grade_level_id": grade_level.id,
    }
    return env["fl.enrollment"].create(complete_required(env, "fl.enrollment", vals))
