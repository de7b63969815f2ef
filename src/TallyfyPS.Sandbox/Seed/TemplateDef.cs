namespace TallyfyPS.Sandbox;

/// <summary>
/// A seeded template. <paramref name="Depts"/> are the options of its "Department" kick-off field (every template has
/// "Requested by", "Department" and "Budget (USD)" first), <paramref name="Extra"/> its other kick-off fields.
/// Templates with <paramref name="SeedsRuns"/> are the ones seeded runs are launched from.
/// </summary>
internal sealed record TemplateDef(
    string Title,
    string Type,
    string[] Tags,
    string Summary,
    StepDef[] Steps,
    string[] Depts,
    FieldDef[] Extra,
    string? Folder,
    int Owner,
    bool Starred = false,
    bool Pinned = false,
    string Status = "active",
    bool Archived = false,
    bool SeedsRuns = true);
