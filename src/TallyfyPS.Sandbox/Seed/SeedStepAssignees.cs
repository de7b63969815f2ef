using System;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Who is assigned to the seeded templates' steps (the same for every seed): members, guests and groups, by template
/// title and step position. Marco Reyes (1002) is on steps of three templates beside other people, a guest and a group;
/// Amara Okafor (1007, disabled) is still on two steps, so their launches start with nobody of hers. Steps not listed
/// have nobody (a launch makes the launcher their owner).
/// </summary>
internal static class SeedStepAssignees
{
    private const string FinanceTeam = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01";
    private const string PeopleOps = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d02";
    private const string CustomerSuccess = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d03";
    private const string Leadership = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d04";
    private const string Legal = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d06";
    private const string FieldCrew = "7b2d1c0a9e8f4d6c5b4a39281706f501";

    private static readonly (string Template, int Position, int[] Users, string[] Guests, string[] Groups)[] Table =
    {
        ("Quarterly audit", 1, new[] { 1002, 1005 }, new[] { "olga.petrov@contoso.example" }, new[] { FinanceTeam }),
        ("Quarterly audit", 4, new[] { 1001 }, Array.Empty<string>(), Array.Empty<string>()),
        ("Employee onboarding", 1, new[] { 1004 }, Array.Empty<string>(), Array.Empty<string>()),
        ("Employee onboarding", 2, new[] { 1002, 1004 }, Array.Empty<string>(), new[] { PeopleOps }),
        ("Vendor onboarding", 4, new[] { 1001, 1007 }, Array.Empty<string>(), Array.Empty<string>()),
        ("Customer escalation", 1, new[] { 1002, 1003 }, new[] { "sam.lee@northwind.example" }, new[] { CustomerSuccess }),
        ("Customer escalation", 5, new[] { 1003 }, Array.Empty<string>(), Array.Empty<string>()),
        ("Expense approval", 2, new[] { 1005 }, Array.Empty<string>(), new[] { Leadership }),
        ("Contract review", 4, new[] { 1007 }, new[] { "rita.gomez@fabrikam.example" }, new[] { Legal }),
        ("Purchase request", 1, new[] { 1001 }, Array.Empty<string>(), Array.Empty<string>()),
        ("Field inspection", 2, new[] { 2002 }, Array.Empty<string>(), new[] { FieldCrew }),
    };

    /// <summary>Gives <paramref name="step"/> of the template <paramref name="templateTitle"/> its seeded assignees.</summary>
    public static void Assign(string templateTitle, Step step)
    {
        foreach (var row in Table)
        {
            if (row.Template == templateTitle && row.Position == step.Position)
            {
                step.Assignees.AddRange(row.Users);
                step.Guests.AddRange(row.Guests);
                step.Groups.AddRange(row.Groups);
            }
        }
    }
}
