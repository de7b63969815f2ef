using System;
using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>
/// The fixed part of the seed: members, guests, groups, tags, folders and template definitions. Members, guests,
/// groups, tags and folders are the same for every seed; templates get their ids from the seed.
/// </summary>
internal static class SeedCatalog
{
    private static DateTime Utc(int y, int m, int d, int h = 9, int min = 0) => new DateTime(y, m, d, h, min, 0, DateTimeKind.Utc);

    /// <summary>Every member of both organizations, by id. The four with a token are the identities one signs in as.</summary>
    public static readonly IReadOnlyList<User> Members = new[]
    {
        Member(1001, "dana.whitfield", "Dana", "Whitfield", "America/Chicago", Role.Admin, "Admin", "active", SandboxState.MainOrgId, SandboxState.AdminToken, Utc(2021, 3, 4, 10), Utc(2026, 10, 31, 17, 20)),
        Member(1002, "marco.reyes", "Marco", "Reyes", "Europe/London", Role.Standard, "standard", "active", SandboxState.MainOrgId, SandboxState.StandardToken, Utc(2021, 5, 17), Utc(2026, 10, 30, 8, 45)),
        Member(1003, "priya.natarajan", "Priya", "Natarajan", "Asia/Kolkata", Role.Light, "Light", "active", SandboxState.MainOrgId, SandboxState.LightToken, Utc(2022, 1, 10), Utc(2026, 10, 29, 6, 5)),
        Member(1004, "liam.oconnor", "Liam", "O'Connor", "Europe/Dublin", Role.Standard, "Standard", "active", SandboxState.MainOrgId, null, Utc(2022, 4, 2), Utc(2026, 10, 12, 14, 0)),
        Member(1005, "sofia.rossi", "Sofia", "Rossi", "Europe/Rome", Role.Admin, "admin", "active", SandboxState.MainOrgId, null, Utc(2021, 9, 1), Utc(2026, 10, 28, 9, 30)),
        Member(1006, "kenji.watanabe", "Kenji", "Watanabe", "Asia/Tokyo", Role.Light, "light", "invited", SandboxState.MainOrgId, null, Utc(2026, 10, 20), null),
        Member(1007, "amara.okafor", "Amara", "Okafor", "Africa/Lagos", Role.Standard, "STANDARD", "disabled", SandboxState.MainOrgId, null, Utc(2022, 6, 15), Utc(2025, 2, 3, 11, 10)),
        Member(1008, "jonas.berg", "Jonas", "Berg", "Europe/Stockholm", Role.Standard, "standard", "invited", SandboxState.MainOrgId, null, Utc(2026, 9, 30), null),
        Member(1009, "ines.duarte", "Ines", "Duarte", "Europe/Lisbon", Role.Light, "LIGHT", "active", SandboxState.MainOrgId, null, Utc(2023, 2, 20), Utc(2026, 10, 25, 16, 40)),
        Member(1010, "oskar.lindqvist", "Oskar", "Lindqvist", "Europe/Helsinki", Role.Admin, "Admin", "disabled", SandboxState.MainOrgId, null, Utc(2021, 3, 4, 11), Utc(2024, 12, 19, 10, 0)),
        Member(2001, "hank.scorpio", "Hank", "Scorpio", "America/Los_Angeles", Role.Admin, "admin", "active", SandboxState.OtherOrgId, SandboxState.OtherAdminToken, Utc(2022, 8, 19, 15, 30), Utc(2026, 10, 31, 22, 15)),
        Member(2002, "lisa.monroe", "Lisa", "Monroe", "America/Denver", Role.Standard, "Standard", "active", SandboxState.OtherOrgId, null, Utc(2023, 1, 9), Utc(2026, 10, 27, 13, 0)),
        Member(2003, "frank.grimes", "Frank", "Grimes", "America/Chicago", Role.Light, "light", "disabled", SandboxState.OtherOrgId, null, Utc(2023, 3, 1), Utc(2024, 7, 4, 9, 0)),
    };

    /// <summary>
    /// The bots: members that integrations act as (Tallyfy refuses to deactivate them). Apart from
    /// <see cref="Members"/>, which the seeded data draws from, so that the data of a seed stays what it was.
    /// </summary>
    public static readonly IReadOnlyList<User> Bots = new[]
    {
        Bot(Member(1011, "workflow.bot", "Workflow", "Bot", "UTC", Role.Standard, "standard", "active", SandboxState.MainOrgId, null, Utc(2024, 2, 12), Utc(2026, 10, 31, 23, 0))),
    };

    /// <summary>Each organization's default admin (Tallyfy refuses to deactivate it).</summary>
    public static int DefaultAdmin(string org) => org == SandboxState.MainOrgId ? 1001 : 2001;

    /// <summary>A seeded member (bots included) by id, for the seeding itself.</summary>
    public static User? MemberById(int id)
    {
        foreach (var u in Members)
        {
            if (u.Id == id)
            {
                return u;
            }
        }

        foreach (var u in Bots)
        {
            if (u.Id == id)
            {
                return u;
            }
        }

        return null;
    }

    private static User Bot(User u) => new User
    {
        Id = u.Id, Email = u.Email, Username = u.Username, FirstName = u.FirstName, LastName = u.LastName, Timezone = u.Timezone,
        Role = u.Role, RoleText = u.RoleText, Status = u.Status, OrganizationId = u.OrganizationId, Token = u.Token,
        CreatedAt = u.CreatedAt, LastLoginAt = u.LastLoginAt, IsBot = true,
    };

    private static User Member(int id, string username, string first, string last, string tz, Role role, string roleText, string status, string org, string? token, DateTime created, DateTime? lastLogin) => new User
    {
        Id = id,
        Email = username + (org == SandboxState.MainOrgId ? "@acme.example" : "@globex.example"),
        Username = username,
        FirstName = first,
        LastName = last,
        Timezone = tz,
        Role = role,
        RoleText = roleText,
        Status = status,
        OrganizationId = org,
        Token = token,
        CreatedAt = created,
        LastLoginAt = lastLogin,
    };

    public static IEnumerable<Guest> Guests(string org) => org == SandboxState.MainOrgId
        ? new[]
        {
            new Guest { Email = "olga.petrov@contoso.example", FirstName = "Olga", LastName = "Petrov", CompanyName = "Contoso Audit LLP", CreatedAt = Utc(2023, 5, 2) },
            new Guest { Email = "sam.lee@northwind.example", FirstName = "Sam", LastName = "Lee", CompanyName = "Northwind Traders", CreatedAt = Utc(2024, 1, 15) },
            new Guest { Email = "rita.gomez@fabrikam.example", FirstName = "Rita", LastName = "Gomez", CompanyName = "Fabrikam Legal", CreatedAt = Utc(2024, 8, 30) },
            new Guest { Email = "tom.baker@contractors.example", FirstName = "Tom", LastName = "Baker", CompanyName = "", CreatedAt = Utc(2025, 11, 3) },
        }
        : new[]
        {
            new Guest { Email = "ned.flanders@springfield.example", FirstName = "Ned", LastName = "Flanders", CompanyName = "Leftorium", CreatedAt = Utc(2023, 6, 6) },
        };

    public static IEnumerable<Group> Groups(string org) => org == SandboxState.MainOrgId
        ? new[]
        {
            new Group { Id = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01", Name = "Finance team", Description = "Books, audits and expenses.", Members = new[] { 1001, 1002, 1005 }, Guests = new[] { "olga.petrov@contoso.example" }, CreatedAt = Utc(2021, 4, 1) },
            new Group { Id = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d02", Name = "People Ops", Description = "Hiring and onboarding.", Members = new[] { 1004, 1006, 1008 }, Guests = Array.Empty<string>(), CreatedAt = Utc(2022, 4, 5) },
            new Group { Id = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d03", Name = "Customer success", Description = "Escalations and renewals.", Members = new[] { 1002, 1003, 1009 }, Guests = new[] { "sam.lee@northwind.example" }, CreatedAt = Utc(2022, 9, 12) },
            new Group { Id = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d04", Name = "Leadership", Description = "", Members = new[] { 1001, 1005 }, Guests = Array.Empty<string>(), CreatedAt = Utc(2021, 3, 4, 12) },
            new Group { Id = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d05", Name = "External reviewers", Description = "Guests who review our documents.", Members = Array.Empty<int>(), Guests = new[] { "olga.petrov@contoso.example", "rita.gomez@fabrikam.example", "tom.baker@contractors.example" }, CreatedAt = Utc(2024, 9, 1) },
            new Group { Id = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d06", Name = "Legal", Description = "Contracts and compliance.", Members = new[] { 1005, 1007 }, Guests = new[] { "rita.gomez@fabrikam.example" }, CreatedAt = Utc(2023, 1, 20) },
        }
        : new[]
        {
            new Group { Id = "7b2d1c0a9e8f4d6c5b4a39281706f501", Name = "Field crew", Description = "Inspectors and technicians.", Members = new[] { 2001, 2002, 2003 }, Guests = new[] { "ned.flanders@springfield.example" }, CreatedAt = Utc(2022, 9, 1) },
        };

    public static IEnumerable<Tag> Tags(string org) => org == SandboxState.MainOrgId
        ? new[]
        {
            new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e01", Title = "finance", Color = "#2e86de", CreatedAt = Utc(2021, 3, 5) },
            new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e02", Title = "hr", Color = "#e67e22", CreatedAt = Utc(2021, 3, 5) },
            new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e03", Title = "onboarding", Color = "#27ae60", CreatedAt = Utc(2021, 6, 1) },
            new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e04", Title = "q3", Color = "#8e44ad", CreatedAt = Utc(2022, 7, 1) },
            new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e05", Title = "urgent", Color = "#c0392b", CreatedAt = Utc(2021, 3, 5) },
            new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e08", Title = "imported", Color = "#7f8c8d", AutoGenerated = true, CreatedAt = Utc(2021, 3, 4, 10) },
            new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e09", Title = "compliance", Color = "#34495e", CreatedAt = Utc(2024, 2, 14) },
        }
        : new[]
        {
            new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e06", Title = "field", Color = "#16a085", CreatedAt = Utc(2022, 8, 20) },
            new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e07", Title = "urgent", Color = "#c0392b", CreatedAt = Utc(2022, 8, 20) },
        };

    public static IEnumerable<Folder> Folders(string org) => org == SandboxState.MainOrgId
        ? new[]
        {
            new Folder { Id = "f01de5a0b1c2d3e4f5a6b7c8d9e0f101", Name = "Finance", FolderType = "run", CreatedAt = Utc(2021, 4, 1) },
            new Folder { Id = "f01de5a0b1c2d3e4f5a6b7c8d9e0f102", Name = "People", FolderType = "run", CreatedAt = Utc(2021, 4, 1) },
            new Folder { Id = "f01de5a0b1c2d3e4f5a6b7c8d9e0f103", Name = "Customers", FolderType = "run", CreatedAt = Utc(2022, 2, 1) },
            new Folder { Id = "f01de5a0b1c2d3e4f5a6b7c8d9e0f104", Name = "Archive 2024", FolderType = "run", ParentId = "f01de5a0b1c2d3e4f5a6b7c8d9e0f101", CreatedAt = Utc(2025, 1, 2) },
            new Folder { Id = "f01de5a0b1c2d3e4f5a6b7c8d9e0f201", Name = "Finance templates", FolderType = "checklist", CreatedAt = Utc(2021, 3, 10) },
            new Folder { Id = "f01de5a0b1c2d3e4f5a6b7c8d9e0f202", Name = "HR templates", FolderType = "checklist", CreatedAt = Utc(2021, 3, 10) },
            new Folder { Id = "f01de5a0b1c2d3e4f5a6b7c8d9e0f203", Name = "Operations", FolderType = "checklist", CreatedAt = Utc(2022, 5, 5) },
        }
        : new[]
        {
            new Folder { Id = "f02de5a0b1c2d3e4f5a6b7c8d9e0f101", Name = "Inspections", FolderType = "run", CreatedAt = Utc(2022, 9, 1) },
            new Folder { Id = "f02de5a0b1c2d3e4f5a6b7c8d9e0f201", Name = "Field templates", FolderType = "checklist", CreatedAt = Utc(2022, 9, 1) },
        };

    /// <summary>Where seeded runs of a template are filed (by template title), or null.</summary>
    public static string? RunFolderOf(string templateTitle) => templateTitle switch
    {
        "Quarterly audit" or "Vendor onboarding" or "Expense approval" => "Finance",
        "Employee onboarding" => "People",
        "Customer escalation" or "Contract review" => "Customers",
        "Field inspection" or "Equipment maintenance" => "Inspections",
        _ => null,
    };

    public static readonly TemplateDef[] MainTemplates =
    {
        new TemplateDef("Quarterly audit", "procedure", new[] { "finance", "q3" }, "Quarterly internal audit of the books.",
            new[] { new StepDef("Collect ledgers"), new StepDef("Reconcile accounts"), new StepDef("Review exceptions"), new StepDef("Partner sign-off", "approval"), new StepDef("Archive evidence") },
            new[] { "Finance", "Treasury", "Payroll" },
            new[] { new FieldDef("Audit period end", "date", Required: true), new FieldDef("Auditor email", "email"), new FieldDef("Scope notes", "textarea", Guidance: "What is in and out of scope.") },
            "Finance templates", 1001, Starred: true, Pinned: true),
        new TemplateDef("Employee onboarding", "procedure", new[] { "hr", "onboarding" }, "Bring a new hire from offer to productive.",
            new[] { new StepDef("Prepare workstation"), new StepDef("Create accounts"), new StepDef("Welcome meeting", "email"), new StepDef("Assign a buddy"), new StepDef("30-day check-in", "expiring") },
            new[] { "Engineering", "Sales", "Support" },
            new[]
            {
                new FieldDef("Start date", "date", Required: true),
                new FieldDef("Employment type", "radio", Required: true, Options: new[] { "Full-time", "Part-time", "Contractor" }),
                new FieldDef("Equipment", "multiselect", Options: new[] { "Laptop", "Monitor", "Phone", "Headset" }),
                new FieldDef("Buddy", "assignees_form"),
            },
            "HR templates", 1002),
        new TemplateDef("Vendor onboarding", "procedure", new[] { "finance", "onboarding" }, "Vet and register a new supplier.",
            new[] { new StepDef("Collect W-9"), new StepDef("Security questionnaire", "expiring_email"), new StepDef("Bank details check"), new StepDef("Approve vendor", "approval"), new StepDef("Create in ERP") },
            new[] { "Procurement", "IT", "Facilities" },
            new[] { new FieldDef("Vendor contact", "email", Required: true), new FieldDef("W-9 form", "file"), new FieldDef("Bank details", "table", Columns: new[] { "Bank", "IBAN", "SWIFT" }) },
            "Finance templates", 1001),
        new TemplateDef("Customer escalation", "procedure", new[] { "urgent" }, "Handle an escalated customer ticket.",
            new[] { new StepDef("Triage"), new StepDef("Root cause analysis"), new StepDef("Customer update", "email"), new StepDef("Fix verified", "approval"), new StepDef("Close out") },
            new[] { "Enterprise", "SMB", "Partner" },
            new[] { new FieldDef("Severity", "radio", Required: true, Options: new[] { "Low", "Medium", "High", "Critical" }), new FieldDef("Customer email", "email") },
            "Operations", 1002),
        new TemplateDef("Expense approval", "form", new[] { "finance" }, "Approve an employee expense claim.",
            new[] { new StepDef("Submit receipts"), new StepDef("Manager approval", "approval"), new StepDef("Finance review", "approval"), new StepDef("Reimburse"), new StepDef("Record in ledger") },
            new[] { "Travel", "Equipment", "Training" },
            new[] { new FieldDef("Expense lines", "table", Required: true, Columns: new[] { "Date", "Description", "Amount" }), new FieldDef("Receipts", "file"), new FieldDef("Approver", "assignees_form", Required: true) },
            "Finance templates", 1005),
        new TemplateDef("Contract review", "document", new[] { "q3" }, "Legal review of a customer contract.",
            new[] { new StepDef("Intake"), new StepDef("Redline"), new StepDef("Negotiate terms", "expiring"), new StepDef("Legal approval", "approval"), new StepDef("Countersign") },
            new[] { "Legal", "Sales", "Partnerships" },
            new[] { new FieldDef("Contract file", "file", Required: true), new FieldDef("Review due", "date") },
            null, 1001),
        new TemplateDef("Purchase request", "form", new[] { "finance", "compliance" }, "Request a purchase: one kick-off field of every type.",
            new[] { new StepDef("Review request", "approval"), new StepDef("Place order"), new StepDef("Confirm delivery", "expiring"), new StepDef("Notify requester", "email") },
            new[] { "Operations", "Sales", "R&D" },
            new[]
            {
                new FieldDef("Item", "text", Required: true),
                new FieldDef("Justification", "textarea"),
                new FieldDef("Priority", "radio", Required: true, Options: new[] { "Low", "Normal", "High" }),
                new FieldDef("Cost center", "dropdown", Required: true, Options: new[] { "CC-100 Operations", "CC-200 Sales", "CC-300 R&D" }),
                new FieldDef("Approvals needed", "multiselect", Options: new[] { "Manager", "Finance", "Legal" }),
                new FieldDef("Needed by", "date", Required: true),
                new FieldDef("Supplier email", "email"),
                new FieldDef("Quote", "file"),
                new FieldDef("Line items", "table", Columns: new[] { "Item", "Quantity", "Unit price" }),
                new FieldDef("Approvers", "assignees_form"),
            },
            "Finance templates", 1005, Starred: true, SeedsRuns: false),
        new TemplateDef("Office move", "procedure", new[] { "compliance" }, "Move a team to a new office.",
            new[] { new StepDef("Plan the move"), new StepDef("Pack"), new StepDef("Move day") },
            new[] { "Operations", "Facilities" },
            new[] { new FieldDef("Move date", "date", Required: true) },
            "Operations", 1001, Archived: true, SeedsRuns: false),
        new TemplateDef("Security incident", "procedure", new[] { "urgent", "compliance" }, "Respond to a security incident.",
            new[] { new StepDef("Contain"), new StepDef("Assess impact"), new StepDef("Notify customers", "expiring_email"), new StepDef("Post-mortem sign-off", "approval") },
            new[] { "IT", "Security" },
            new[]
            {
                new FieldDef("Incident summary", "textarea", Required: true),
                new FieldDef("Reporter email", "email", Required: true),
                new FieldDef("Systems affected", "multiselect", Options: new[] { "Email", "CRM", "Payroll", "Website" }),
            },
            "Operations", 1005, Status: "draft", SeedsRuns: false),
    };

    public static readonly TemplateDef[] OtherTemplates =
    {
        new TemplateDef("Field inspection", "procedure", new[] { "field" }, "On-site safety inspection.",
            new[] { new StepDef("Schedule visit"), new StepDef("Inspect site"), new StepDef("File report"), new StepDef("Follow-up", "expiring") },
            new[] { "North", "South" },
            new[] { new FieldDef("Site address", "textarea", Required: true) },
            "Field templates", 2001),
        new TemplateDef("Equipment maintenance", "procedure", new[] { "field", "urgent" }, "Preventive equipment maintenance.",
            new[] { new StepDef("Order parts"), new StepDef("Service unit"), new StepDef("Test run"), new StepDef("Sign-off", "approval") },
            new[] { "Depot A", "Depot B" },
            new[] { new FieldDef("Unit serial", "text", Required: true) },
            "Field templates", 2001),
        new TemplateDef("Vehicle check", "form", new[] { "field" }, "Monthly vehicle check.",
            new[] { new StepDef("Inspect vehicle"), new StepDef("Approve for use", "approval") },
            new[] { "North", "South" },
            new[] { new FieldDef("Vehicle plate", "text", Required: true), new FieldDef("Odometer photo", "file") },
            null, 2002, SeedsRuns: false),
    };

    /// <summary>The second form field of each step, in turn (every step also has "Notes"): every field type occurs.</summary>
    public static readonly FieldDef[] StepFields =
    {
        new FieldDef("Approved?", "dropdown", Required: true, Options: new[] { "Yes", "No" }),
        new FieldDef("Amount", "text"),
        new FieldDef("Checked on", "date"),
        new FieldDef("Result", "radio", Options: new[] { "Pass", "Fail", "N/A" }),
        new FieldDef("Checks done", "multiselect", Options: new[] { "Identity", "Address", "Tax" }),
        new FieldDef("Contact email", "email"),
        new FieldDef("Evidence", "file"),
        new FieldDef("Line items", "table", Columns: new[] { "Item", "Qty", "Price" }),
        new FieldDef("Reviewer", "assignees_form"),
    };

    public static readonly string[] MainOneOffTitles =
    {
        "Renew software licenses", "Book team offsite venue", "Update emergency contacts", "Order replacement laptops",
        "Review insurance policy", "Prepare board deck", "Clean up shared drive", "Schedule fire drill",
        "Collect timesheets", "Update vendor price list", "Plan holiday coverage", "Refresh security training",
    };

    public static readonly string[] OtherOneOffTitles = { "Restock safety gear", "Calibrate gas detectors", "Renew vehicle permits", "Update route maps" };

    public static readonly string[] Requesters = { "Dana Whitfield", "Marco Reyes", "Priya Natarajan", "Liam O'Connor", "Sofia Rossi", "Kenji Watanabe", "Amara Okafor", "Jonas Berg" };

    public static readonly string[] CommentTexts =
    {
        "Waiting on the numbers from the regional team.",
        "Done, see the attached spreadsheet.",
        "Can someone double-check the totals?",
        "Blocked: missing approval from the department head.",
        "Looks good to me.",
        "Pushed the deadline by two days after talking to the owner.",
    };
}
