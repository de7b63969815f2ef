using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using TallyfyPS.Client;
using TallyfyPS.Cmdlets;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Cmdlets;

/// <summary>
/// The words of every message: each template of the error catalogue (Errors*.cs, with ErrorIds*.cs), written out with
/// the numbers 1 and 2, and every string literal of src/TallyfyPS, read for doubled words ("before it it") and numbers
/// that disagree with their nouns and verbs ("1 were not sent", "1 items"). Counts in messages go through
/// <see cref="Words"/>.
/// </summary>
public sealed class MessageWordsTests
{
    private static readonly Regex Doubled = new Regex(@"\b([A-Za-z]+)\s+\1\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex Disagrees = new Regex(
        @"\b1 (were|are|have)\b|\b1 (runs|tasks|items|attempts|requests|templates|tags|comments|entries|rows|records|owners|values|fields|results|pages|errors|changes|others)\b|(?<!\b(?:[Rr]ow|[Ll]ine|[Pp]age|[Ss]tep|[Cc]olumn|[Rr]equest|[Aa]ttempt)\s)\b[02-9] (was|is|has)\b",
        RegexOptions.CultureInvariant);

    private static string SourceRoot => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "TallyfyPS"));

    /// <summary>What is wrong with a text a user reads: doubled words, numbers that disagree.</summary>
    private static IEnumerable<string> Problems(string text)
    {
        foreach (Match m in Doubled.Matches(text))
        {
            yield return $"doubled word '{m.Value}'";
        }

        foreach (Match m in Disagrees.Matches(text))
        {
            yield return $"number agreement '{m.Value}'";
        }
    }

    [Theory]
    [InlineData("before it it permanently deletes", "doubled word 'it it'")]
    [InlineData("the the run", "doubled word 'the the'")]
    [InlineData("1 were not sent", "number agreement '1 were'")]
    [InlineData("1 items of the journal", "number agreement '1 items'")]
    [InlineData("2 was sent", "number agreement '2 was'")]
    public void The_checks_catch_what_they_are_for(string text, string problem) => Assert.Contains(problem, Problems(text));

    [Fact]
    public void The_checks_let_good_text_through() =>
        Assert.Empty(Problems("1 run was archived; 2 runs were not sent, after 1 attempt and 5 s. It has 10 items. Row 2 has no Name."));

    [Theory]
    [InlineData(1, "run", "1 run")]
    [InlineData(0, "run", "0 runs")]
    [InlineData(2, "entry", "2 entries")]
    public void Words_count_agrees(long n, string noun, string expected) =>
        Assert.Equal(expected, Words.Count(n, noun, noun == "entry" ? "entries" : null));

    [Theory]
    [InlineData("Permanently delete", "permanently deletes")]
    [InlineData("Launch", "launches")]
    [InlineData("Comment on", "comments on")]
    [InlineData("Archive", "archives")]
    [InlineData("Untag", "untags")]
    public void Words_third_person(string verb, string expected) => Assert.Equal(expected, Words.ThirdPerson(verb));

    /// <summary>Every message template of the catalogue, written with sample values, once with 1 and once with 2.</summary>
    [Fact]
    public void Every_error_template_of_the_catalogue_reads_well()
    {
        MethodInfo[] templates = typeof(Errors).GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(m => m.ReturnType == typeof(ErrorRecord) && !m.IsGenericMethod).ToArray();
        Assert.True(templates.Length > 50, $"the catalogue lists {templates.Length} templates");
        var problems = new List<string>();
        var written = new HashSet<string>();
        var notWritten = new List<string>();
        foreach (MethodInfo template in templates)
        {
            foreach (int n in new[] { 1, 2 })
            {
                ErrorRecord? record;
                try
                {
                    record = (ErrorRecord?)template.Invoke(null, template.GetParameters().Select(p => Sample(p, n)).ToArray());
                }
                catch (TargetInvocationException)
                {
                    notWritten.Add(template.Name);
                    continue;
                }

                if (record is null)
                {
                    continue;
                }

                written.Add(template.Name);
                Assert.False(string.IsNullOrWhiteSpace(record.FullyQualifiedErrorId));
                string text = string.Join("\n", record.Exception.Message, record.ErrorDetails?.Message, record.ErrorDetails?.RecommendedAction);
                problems.AddRange(Problems(text).Select(p => $"{template.Name} (n = {n}): {p} in \"{text}\""));
            }
        }

        Assert.Empty(problems);
        // Nearly all are written with sample values; the rest need objects of the service (they are covered by the literal scan).
        Assert.True(written.Count >= templates.Length * 3 / 4, $"written {written.Count} of {templates.Length}; not: {string.Join(", ", notWritten.Distinct())}");
    }

    /// <summary>"... before it {what}": the confirmation every bulk cmdlet may ask for, in the words of its own verb.</summary>
    [Fact]
    public void Every_bulk_verb_reads_well_in_ConfirmationRequired()
    {
        var actions = typeof(Errors).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
            .Where(f => f.FieldType == typeof(BulkAction))
            .Select(f => (BulkAction)f.GetValue(null)!)
            .ToList();
        Assert.True(actions.Count >= 15, $"{actions.Count} bulk actions");
        foreach (BulkAction action in actions)
        {
            ErrorRecord record = Errors.ConfirmationRequired("Remove-TallyfyRun", $"{Words.ThirdPerson(action.Verb)} each {action.Noun.Name}", null, null);
            Assert.Empty(Problems(record.Exception.Message));
            Assert.DoesNotContain("it it", record.Exception.Message);
            Assert.Matches(@"before it [a-z]+(es|s)\b|before it permanently [a-z]+s\b", record.Exception.Message);
        }

        // The template says "before it {what}": no caller may start its what with "it" again.
        foreach (string file in Directory.GetFiles(SourceRoot, "*.cs", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(file);
            Assert.DoesNotMatch(new Regex(@"(EnsureCanPrompt|ConfirmationRequired)\([^;]*?\$?""it ", RegexOptions.Singleline), text);
        }
    }

    /// <summary>Every string literal in src/TallyfyPS (interpolation holes set aside): no doubled words, no "1 were", no "{n} were".</summary>
    [Fact]
    public void No_string_literal_in_the_module_doubles_a_word_or_leaves_a_count_to_chance()
    {
        var literal = new Regex(@"\$?@?""(?:[^""\\\n]|\\.)*""", RegexOptions.CultureInvariant);
        var hole = new Regex(@"\{[^{}]*\}", RegexOptions.CultureInvariant);
        // A count in a hole followed by a verb that agrees with only one number: use Words.Was / Words.Count.
        var countThenVerb = new Regex(@"\{\}\s+(were|are|have)\b", RegexOptions.CultureInvariant);
        string[] files = Directory.GetFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar)).ToArray();
        Assert.True(files.Length > 100, $"{files.Length} files under {SourceRoot}");
        var problems = new List<string>();
        int literals = 0;
        foreach (string file in files)
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].TrimStart();
                if (line.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match m in literal.Matches(lines[i]))
                {
                    literals++;
                    string text = hole.Replace(m.Value, "{}");
                    string where = $"{Path.GetFileName(file)}:{i + 1}";
                    problems.AddRange(Problems(text).Select(p => $"{where}: {p} in {m.Value}"));
                    if (countThenVerb.IsMatch(text))
                    {
                        problems.Add($"{where}: a count followed by a plural verb (use Words.Was) in {m.Value}");
                    }
                }
            }
        }

        Assert.True(literals > 1000, $"{literals} literals");
        Assert.Empty(problems);
    }

    /// <summary>A sample argument of a template's parameter: text, the number n, a noun, lists of n items.</summary>
    private static object? Sample(ParameterInfo p, int n)
    {
        Type t = p.ParameterType;
        string name = p.Name ?? string.Empty;
        if (t == typeof(string))
        {
            if (name.IndexOf("id", StringComparison.OrdinalIgnoreCase) >= 0 && !name.Equals("idOrTitle", StringComparison.OrdinalIgnoreCase))
            {
                return "3e17ba96ae04cd3b99869e56f0adbf3a";
            }

            if (name.Equals("parameter", StringComparison.OrdinalIgnoreCase))
            {
                return "-Name";
            }

            if (name.IndexOf("command", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return "Remove-TallyfyRun";
            }

            return name.IndexOf("path", StringComparison.OrdinalIgnoreCase) >= 0 ? "/tmp/job.journal" : "Quarterly audit";
        }

        if (t == typeof(int) || t == typeof(int?)) return n;
        if (t == typeof(long) || t == typeof(long?)) return (long)n;
        if (t == typeof(bool) || t == typeof(bool?)) return n == 1;
        if (t == typeof(object)) return "Quarterly audit";
        if (t == typeof(DateTime) || t == typeof(DateTime?)) return new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);
        if (t == typeof(DateTimeOffset) || t == typeof(DateTimeOffset?)) return new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        if (t == typeof(Uri)) return new Uri("https://go.tallyfy.com/api/");
        if (t == typeof(Noun)) return n == 1 ? Noun.Run : Noun.Task;
        if (t == typeof(TallyfyApiException)) return new TallyfyApiException(TallyfyErrorKind.ServerError, "Tallyfy answered 502 Bad Gateway.", 502);
        if (t.IsEnum) return Enum.GetValues(t).GetValue(0);
        if (t == typeof(IEnumerable<string>) || t == typeof(IReadOnlyList<string>) || t == typeof(string[])) return new[] { "Title", "Department" }.Take(n).ToArray();
        if (t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t))
        {
            Type element = t.GetGenericArguments()[0];
            Array items = Array.CreateInstance(element, n);
            for (int i = 0; i < n; i++)
            {
                items.SetValue(element.IsValueType ? Activator.CreateInstance(element) : element.GetConstructor(Type.EmptyTypes)?.Invoke(null), i);
            }

            return items.Cast<object?>().Any(x => x is null) ? Activator.CreateInstance(typeof(List<>).MakeGenericType(element)) : items;
        }

        if (t.GetConstructor(Type.EmptyTypes) is ConstructorInfo ctor) return ctor.Invoke(null);
        return null;
    }
}
