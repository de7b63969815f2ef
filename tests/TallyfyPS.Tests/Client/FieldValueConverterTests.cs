using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>Every field type's conversion to the contract's shape, and every refusal made before anything is sent.</summary>
public sealed class FieldValueConverterTests
{
    private static TallyfyFieldDefinition Field(string label, string type, bool required = false, string? alias = null, string[]? options = null, string[]? columns = null, int position = 1) => new()
    {
        Id = (label.GetHashCode() & 0x7fffffff).ToString("x8") + new string('0', 24),
        Label = label,
        Alias = alias,
        Type = type,
        Required = required,
        Options = new TallyfyList<TallyfyFieldOption>((options ?? Array.Empty<string>()).Select((t, i) => new TallyfyFieldOption { Id = position * 100 + i + 1, Text = t })),
        Columns = new TallyfyList<TallyfyTableColumn>((columns ?? Array.Empty<string>()).Select((c, i) => new TallyfyTableColumn { Id = "col" + i, Label = c })),
    };

    private static readonly TallyfyFieldDefinition Text = Field("Requested by", "text", required: true, alias: "requested_by");
    private static readonly TallyfyFieldDefinition Notes = Field("Justification", "textarea");
    private static readonly TallyfyFieldDefinition Email = Field("Supplier email", "email");
    private static readonly TallyfyFieldDefinition Date = Field("Needed by", "date", required: true);
    private static readonly TallyfyFieldDefinition Radio = Field("Priority", "radio", options: new[] { "Low", "Normal", "High" }, position: 6);
    private static readonly TallyfyFieldDefinition Dropdown = Field("Department", "dropdown", required: true, options: new[] { "Operations", "Sales", "R&D" }, position: 2);
    private static readonly TallyfyFieldDefinition Multi = Field("Approvals needed", "multiselect", options: new[] { "Manager", "Finance", "Legal" }, position: 8);
    private static readonly TallyfyFieldDefinition Table = Field("Line items", "table", columns: new[] { "Item", "Quantity", "Unit price" });
    private static readonly TallyfyFieldDefinition Assignees = Field("Approvers", "assignees_form");
    private static readonly TallyfyFieldDefinition File = Field("Quote", "file");

    private static readonly FieldValueConverter Converter = new(new[] { Text, Notes, Email, Date, Radio, Dropdown, Multi, Table, Assignees, File }, "kick-off field");

    private static string Json(object? value) => JsonSerializer.Serialize(value);

    private static object? Converted(TallyfyFieldDefinition field, object? value)
    {
        FieldConversion c = Converter.Convert(field, value);
        Assert.Null(c.Problem);
        Assert.True(c.Given);
        return c.Value;
    }

    private static string Problem(TallyfyFieldDefinition field, object? value)
    {
        FieldConversion c = Converter.Convert(field, value);
        Assert.False(c.Given);
        Assert.NotNull(c.Problem);
        return c.Problem!;
    }

    private static Task<ResolvedOwners> Resolve(IReadOnlyList<object?> values)
    {
        var owners = new ResolvedOwners();
        foreach (object? v in values)
        {
            string s = v?.ToString() ?? string.Empty;
            if (long.TryParse(s, out long id)) owners.Users.Add(id);
            else if (s == "marco.reyes@acme.example") owners.Users.Add(1002);
            else if (s.Contains('@')) owners.Guests.Add(s);
            else if (s == "Finance team") owners.Groups.Add("9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01");
            else owners.Unresolved.Add(new KeyValuePair<string, string>(s, "no one"));
        }

        return Task.FromResult(owners);
    }

    [Fact]
    public void Text_and_textarea_are_strings()
    {
        Assert.Equal("\"Dana\"", Json(Converted(Text, "Dana")));
        Assert.Equal("\"42\"", Json(Converted(Text, 42)));
        Assert.Equal("\"line 1\\nline 2\"", Json(Converted(Notes, new[] { "line 1", "line 2" })));
        Assert.Contains("takes one value", Problem(Text, new[] { "a", "b" }));
    }

    [Fact]
    public void Email_is_checked()
    {
        Assert.Equal("\"sales@vendor.example\"", Json(Converted(Email, " sales@vendor.example ")));
        Assert.Contains("is not one", Problem(Email, "sales at vendor"));
        Assert.Contains("is not one", Problem(Email, "a@b@c.example"));
    }

    [Fact]
    public void Dates_become_ISO_8601_keeping_the_date_and_clock_as_written()
    {
        Assert.Equal("\"2026-12-01T00:00:00.000Z\"", Json(Converted(Date, "2026-12-01")));
        Assert.Equal("\"2026-12-01T09:30:00.000Z\"", Json(Converted(Date, new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(1)))));
        Assert.Equal("\"2026-12-31T23:30:00.000Z\"", Json(Converted(Date, "2026-12-31T23:30:00-11:00")));
        Assert.Equal("\"2026-12-31T23:30:00.000Z\"", Json(Converted(Date, new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-11)))));
        Assert.Equal("\"2026-01-01T00:30:00.000Z\"", Json(Converted(Date, new DateTime(2026, 1, 1, 0, 30, 0, DateTimeKind.Local))));
        Assert.Contains("could be", Problem(Date, "03/04/2026"));
        Assert.Equal("\"2026-12-01T00:00:00.000Z\"", Json(Converted(Date, new DateTime(2026, 12, 1))));
        Assert.Contains("is not one", Problem(Date, "next Tuesday"));
    }

    [Fact]
    public void Radio_is_the_option_text_matched_in_any_case_or_by_id()
    {
        Assert.Equal("\"High\"", Json(Converted(Radio, "high")));
        Assert.Equal("\"Low\"", Json(Converted(Radio, 601)));
        string p = Problem(Radio, "Urgent");
        Assert.Contains("no option 'Urgent'", p);
        Assert.Contains("'Low', 'Normal', 'High'", p);
        Assert.Contains("did you mean 'Normal'", Problem(Radio, "Normla"));
    }

    [Fact]
    public void Dropdown_is_id_and_text_of_the_option()
    {
        Assert.Equal("{\"id\":202,\"text\":\"Sales\"}", Json(Converted(Dropdown, "sales")));
        Assert.Equal("{\"id\":203,\"text\":\"R\\u0026D\"}", Json(Converted(Dropdown, new Hashtable { ["id"] = 203 })));
        Assert.Contains("no option 'Finance'", Problem(Dropdown, "Finance"));
    }

    [Fact]
    public void Multiselect_is_the_chosen_options_from_a_list_or_a_CSV_cell()
    {
        const string both = "[{\"id\":801,\"text\":\"Manager\",\"selected\":true},{\"id\":803,\"text\":\"Legal\",\"selected\":true}]";
        Assert.Equal(both, Json(Converted(Multi, new object[] { "Manager", "legal" })));
        Assert.Equal(both, Json(Converted(Multi, "Manager; Legal")));
        Assert.Equal(both, Json(Converted(Multi, "Manager,Legal,Manager")));
        Assert.Equal("[{\"id\":802,\"text\":\"Finance\",\"selected\":true}]", Json(Converted(Multi, "Finance")));
        Assert.Contains("no option 'HR'", Problem(Multi, "Manager; HR"));
    }

    [Fact]
    public void Table_is_one_entry_per_column_in_column_order()
    {
        Assert.Equal("[\"Laptop\",\"1\",\"1500\"]", Json(Converted(Table, new Hashtable { ["Unit price"] = 1500, ["item"] = "Laptop", ["Quantity"] = 1 })));
        Assert.Equal("[\"Laptop\",\"1\",\"1500\"]", Json(Converted(Table, "Laptop; 1; 1500")));
        Assert.Equal("[\"Laptop\",\"1\",\"1500\"]", Json(Converted(Table, new object[] { "Laptop", 1, 1500 })));
        Assert.Equal("[[\"Laptop\",\"Mouse\"],[\"1\",\"2\"],[\"1500\",\"\"]]", Json(Converted(Table, new object[]
        {
            new Hashtable { ["Item"] = "Laptop", ["Quantity"] = 1, ["Unit price"] = 1500 },
            new Hashtable { ["Item"] = "Mouse", ["Quantity"] = 2 },
        })));
        Assert.Contains("one entry per column (3", Problem(Table, "Laptop; 1"));
        Assert.Contains("no column 'Qty'", Problem(Table, new Hashtable { ["Item"] = "Laptop", ["Qty"] = 1 }));
    }

    [Fact]
    public void Files_are_filename_url_and_source()
    {
        Assert.Equal("[{\"filename\":\"quote.pdf\",\"url\":\"https://files.example/q/quote.pdf\",\"source\":\"url\"}]", Json(Converted(File, "https://files.example/q/quote.pdf")));
        Assert.Equal("[{\"filename\":\"Q.pdf\",\"url\":\"https://files.example/x\",\"source\":\"url\"}]", Json(Converted(File, new Hashtable { ["url"] = "https://files.example/x", ["filename"] = "Q.pdf" })));
        Assert.Contains("by URL", Problem(File, "C:\\quote.pdf"));
    }

    [Fact]
    public async Task Assignees_are_all_three_buckets_resolved_from_ids_emails_and_groups()
    {
        FieldValueSet set = await Converter.ConvertAsync(new[] { Pair("Approvers", "marco.reyes@acme.example; olga.petrov@contoso.example; Finance team; 1003") }, false, Resolve);
        Assert.True(set.IsValid);
        Assert.Equal("{\"users\":[1002,1003],\"guests\":[\"olga.petrov@contoso.example\"],\"groups\":[\"9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01\"]}", Json(set.Values[Assignees.Id]));

        FieldValueSet bad = await Converter.ConvertAsync(new[] { Pair("Approvers", "Nobody") }, false, Resolve);
        Assert.Equal(FieldProblemKind.OwnerNotFound, Assert.Single(bad.Problems).Kind); // OwnerNotFound, as -Owner
    }

    private static KeyValuePair<string, object?> Pair(string key, object? value) => new(key, value);

    [Fact]
    public async Task Fields_are_found_by_id_alias_or_label_and_keyed_by_id()
    {
        FieldValueSet set = await Converter.ConvertAsync(new[]
        {
            Pair("requested_by", "Dana"),
            Pair(" NEEDED  BY ", "2026-12-01"),
            Pair(Dropdown.Id, "Sales"),
        }, requireAll: true, Resolve);
        Assert.True(set.IsValid, string.Join(" ", set.Problems));
        Assert.Equal(new[] { Text.Id, Date.Id, Dropdown.Id }.OrderBy(x => x), set.Values.Keys.OrderBy(x => x));
    }

    [Fact]
    public async Task An_unknown_or_misspelled_name_is_refused_with_the_nearest_label()
    {
        FieldValueSet set = await Converter.ConvertAsync(new[] { Pair("Requestd by", "Dana"), Pair("Colour", "red") }, false, Resolve);
        Assert.False(set.IsValid);
        Assert.All(set.Problems, p => Assert.Equal(FieldProblemKind.UnknownField, p.Kind));
        Assert.Contains("did you mean 'Requested by'", set.Problems[0].Message);
        Assert.DoesNotContain("did you mean", set.Problems[1].Message);
        Assert.Empty(set.Values);
    }

    [Fact]
    public async Task A_required_field_must_have_a_value_on_launch_and_an_empty_cell_is_not_given()
    {
        FieldValueSet launch = await Converter.ConvertAsync(new[] { Pair("Requested by", "Dana"), Pair("Needed by", ""), Pair("Priority", "  ") }, requireAll: true, Resolve);
        Assert.Equal(new[] { "Department", "Needed by" }, launch.Problems.Where(p => p.Kind == FieldProblemKind.MissingRequired).Select(p => p.Name).OrderBy(x => x));
        Assert.False(launch.Values.ContainsKey(Radio.Id)); // empty optional cell: not given

        FieldValueSet update = await Converter.ConvertAsync(new[] { Pair("Priority", "Low") }, requireAll: false, Resolve);
        Assert.True(update.IsValid);
    }

    [Fact]
    public async Task A_field_named_twice_and_a_label_two_fields_share_are_refused()
    {
        FieldValueSet twice = await Converter.ConvertAsync(new[] { Pair("Requested by", "a"), Pair("requested_by", "b") }, false, Resolve);
        Assert.Contains("name the same kick-off field", Assert.Single(twice.Problems).Message);

        var shared = new FieldValueConverter(new[] { Field("Notes", "text", alias: "notes_1"), Field("Notes ", "textarea", alias: "notes_2") }, "form field");
        FieldValueSet ambiguous = await shared.ConvertAsync(new[] { Pair("notes", "x") }, false, Resolve);
        FieldProblem problem = Assert.Single(ambiguous.Problems);
        Assert.Equal(FieldProblemKind.AmbiguousField, problem.Kind);
        Assert.Contains("notes_1, notes_2", problem.Message);
        Assert.True((await shared.ConvertAsync(new[] { Pair("notes_2", "x") }, false, Resolve)).IsValid);
    }

    [Fact]
    public async Task Problems_are_ordered_unknown_names_first()
    {
        FieldValueSet set = await Converter.ConvertAsync(new[] { Pair("Priority", "Urgent"), Pair("Nope", 1) }, true, Resolve);
        Assert.Equal(new[] { FieldProblemKind.UnknownField, FieldProblemKind.InvalidValue, FieldProblemKind.MissingRequired, FieldProblemKind.MissingRequired, FieldProblemKind.MissingRequired },
            set.Problems.Select(p => p.Kind));
        Assert.Equal(FieldProblemKind.UnknownField, set.FirstKind);
    }
}
