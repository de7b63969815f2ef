using System.Collections.Generic;
using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using TallyfyPS.Journal;
using TallyfyPS.Model;
using Xunit;

namespace TallyfyPS.Tests.Journal;

public sealed class JournalFileTests : IDisposable
{
    private const string Org = "5f1e4c2a9b8d4e7f8a6b3c2d1e0f9a8b";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tallyfy-journal-" + Guid.NewGuid().ToString("n"));
    private readonly JournalHeader _delete = new JournalHeader("Remove-TallyfyRun", "Permanently delete", Org, DateTimeOffset.Now);

    public JournalFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string NewPath() => Path.Combine(_dir, Guid.NewGuid().ToString("n") + ".journal");

    private static TallyfyRunRemovalResult Deleted(string id) => new TallyfyRunRemovalResult
    {
        RunId = id, Name = "Run " + id, Action = TallyfyAction.Delete, Status = TallyfyRemovalStatus.Deleted, HttpStatus = 200, Attempts = 2,
        OrganizationId = Org, RequestId = "req-" + id, Message = null,
    };

    [Fact]
    public void A_new_journal_holds_its_header_and_nothing_else()
    {
        string path = NewPath();
        using (var j = JournalFile.Open(path, _delete))
        {
            Assert.Empty(j.Entries);
        }

        var (header, entries) = JournalFile.Read(path);
        Assert.Equal("Remove-TallyfyRun", header.Command);
        Assert.Equal("Permanently delete", header.Action);
        Assert.Equal(Org, header.OrganizationId);
        Assert.Empty(entries);
        Assert.Single(File.ReadAllLines(path));
        Assert.False(File.Exists(path + ".lock"));
    }

    [Fact]
    public void Every_result_type_round_trips_with_every_settable_property()
    {
        string path = NewPath();
        var originals = ResultCodec.KnownTypes.Select(Filled).ToList();
        Assert.True(originals.Count >= 4);
        using (var j = JournalFile.Open(path, _delete))
        {
            for (int i = 0; i < originals.Count; i++)
            {
                j.Result("k" + i, originals[i]);
            }
        }

        var (_, entries) = JournalFile.Read(path);
        Assert.Equal(originals.Count, entries.Count);
        for (int i = 0; i < originals.Count; i++)
        {
            TallyfyOperationResult back = entries[i].Result!;
            Assert.Equal(originals[i].GetType(), back.GetType());
            foreach (PropertyInfo p in Kept(back.GetType()))
            {
                Assert.Equal(Text(p.GetValue(originals[i])), Text(p.GetValue(back)));
            }
        }

        static string? Text(object? v) => v is TallyfyTimestamp t ? t.Value.ToString("o") : v?.ToString();
    }

    /// <summary>What a journal keeps of a result: every property with a public setter, and the internal ones marked [Journaled] (a launch's RunJson).</summary>
    private static IEnumerable<PropertyInfo> Kept(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(p => p.CanWrite && (p.GetCustomAttribute<JournaledAttribute>() != null || (p.GetMethod!.IsPublic && p.SetMethod!.IsPublic)));

    /// <summary>An instance of <paramref name="type"/> with a non-default value in every property a journal keeps.</summary>
    private static TallyfyOperationResult Filled(Type type)
    {
        var r = (TallyfyOperationResult)Activator.CreateInstance(type)!;
        int n = 3;
        foreach (PropertyInfo p in Kept(type))
        {
            Type t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            object value = t == typeof(string) ? "text ü + " + p.Name
                : t == typeof(int) ? n++
                : t == typeof(long) ? (object)(long)n++
                : t == typeof(bool) ? true
                : t.IsEnum ? Enum.GetValues(t).GetValue(Enum.GetValues(t).Length - 1)!
                : t == typeof(TallyfyTimestamp) ? new TallyfyTimestamp(new DateTimeOffset(2026, 5, 15, 14, 30, 0, 123, TimeSpan.FromHours(2)))
                : t == typeof(DateTimeOffset) ? (object)new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)
                : throw new InvalidOperationException($"{type.Name}.{p.Name} is a {t.Name}: teach the codec and this test about it.");
            p.SetValue(r, value);
        }

        return r;
    }

    [Fact]
    public void Reopened_it_knows_what_is_settled_what_is_not_and_what_was_under_way()
    {
        string path = NewPath();
        using (var j = JournalFile.Open(path, _delete))
        {
            j.Step("a", "deleting");
            j.Result("a", Deleted("a"));
            j.Step("b", "deleting");
            j.Result("b", new TallyfyRunRemovalResult { RunId = "b", Status = TallyfyRemovalStatus.Failed });
            j.Result("c", new TallyfyRunRemovalResult { RunId = "c", Status = TallyfyRemovalStatus.NotFound });
            j.Step("d", "deleting");
        }

        using var again = JournalFile.Open(path, _delete);
        Assert.True(again.Entries["a"].Settled);
        Assert.Empty(again.Entries["a"].Steps);
        Assert.False(again.Entries["b"].Settled);
        Assert.True(again.Entries["c"].Settled);
        Assert.Null(again.Entries["d"].Result);
        Assert.Equal(new[] { "deleting" }, again.Entries["d"].Steps);
        Assert.IsType<TallyfyRunRemovalResult>(again.Entries["a"].Result);
        Assert.Equal("req-a", again.Entries["a"].Result!.RequestId);
    }

    [Fact]
    public void A_half_written_last_line_is_ignored_and_cut_off_before_more_is_written()
    {
        string path = NewPath();
        using (var j = JournalFile.Open(path, _delete))
        {
            j.Result("a", Deleted("a"));
        }

        File.AppendAllText(path, "{\"key\":\"b\",\"type\":\"TallyfyRunRemovalResult\",\"result\":{\"RunId\":\"b\",\"Sta");
        Assert.Single(JournalFile.Read(path).Entries);
        using (var j = JournalFile.Open(path, _delete))
        {
            Assert.Single(j.Entries);
            j.Result("c", Deleted("c"));
        }

        var (_, entries) = JournalFile.Read(path);
        Assert.Equal(new[] { "a", "c" }, entries.Select(e => e.Key));
        Assert.All(File.ReadAllLines(path), line => Assert.EndsWith("}", line));
    }

    [Fact]
    public void A_whole_last_line_without_its_newline_is_kept_and_ended()
    {
        string path = NewPath();
        using (var j = JournalFile.Open(path, _delete))
        {
            j.Result("a", Deleted("a"));
        }

        File.WriteAllText(path, File.ReadAllText(path).TrimEnd('\n'));
        using (var j = JournalFile.Open(path, _delete))
        {
            Assert.True(j.Entries["a"].Settled);
            j.Result("b", Deleted("b"));
        }

        Assert.Equal(new[] { "a", "b" }, JournalFile.Read(path).Entries.Select(e => e.Key));
    }

    [Fact]
    public void Another_command_action_or_organization_is_refused()
    {
        string path = NewPath();
        JournalFile.Open(path, _delete).Dispose();
        var archive = new JournalHeader("Remove-TallyfyRun", "Archive", Org, DateTimeOffset.Now);
        var restore = new JournalHeader("Restore-TallyfyRun", "Restore", Org, DateTimeOffset.Now);
        var other = new JournalHeader("Remove-TallyfyRun", "Permanently delete", "7c3d2b1a0f9e8d7c6b5a493827161504", DateTimeOffset.Now);
        Assert.Contains("not Remove-TallyfyRun (Archive)", Assert.Throws<JournalException>(() => JournalFile.Open(path, archive)).Message);
        Assert.Equal(JournalProblem.Mismatch, Assert.Throws<JournalException>(() => JournalFile.Open(path, restore)).Problem);
        Assert.Contains("organization 5f1e4c2a9b8d4e7f8a6b3c2d1e0f9a8b", Assert.Throws<JournalException>(() => JournalFile.Open(path, other)).Message);
        Assert.False(File.Exists(path + ".lock"));
    }

    [Fact]
    public void One_writer_at_a_time_while_readers_may_read()
    {
        string path = NewPath();
        using (var j = JournalFile.Open(path, _delete))
        {
            j.Result("a", Deleted("a"));
            var busy = Assert.Throws<JournalException>(() => JournalFile.Open(path, _delete));
            Assert.Equal(JournalProblem.InUse, busy.Problem);
            Assert.Single(JournalFile.Read(path).Entries);
        }

        JournalFile.Open(path, _delete).Dispose();
    }

    [Theory]
    [InlineData("not json at all\n")]
    [InlineData("{\"format\":\"something else\",\"version\":1}\n")]
    [InlineData("{\"format\":\"TallyfyPS.Journal\",\"version\":99,\"command\":\"x\",\"action\":\"y\",\"organizationId\":\"z\",\"createdAt\":\"2026-01-01T00:00:00Z\"}\n")]
    public void A_file_that_is_not_a_journal_this_version_reads_is_unreadable(string text)
    {
        string path = NewPath();
        File.WriteAllText(path, text + "{\"key\":\"a\",\"step\":\"deleting\"}\n");
        Assert.Equal(JournalProblem.Unreadable, Assert.Throws<JournalException>(() => JournalFile.Open(path, _delete)).Problem);
        Assert.Equal(JournalProblem.Unreadable, Assert.Throws<JournalException>(() => JournalFile.Read(path)).Problem);
    }

    private const string Header = "{\"format\":\"TallyfyPS.Journal\",\"version\":1,\"command\":\"Remove-TallyfyRun\",\"action\":\"Permanently delete\",\"organizationId\":\"" + Org + "\",\"createdAt\":\"2026-01-01T00:00:00Z\"}";

    [Theory]
    [InlineData("{}", 2)]
    [InlineData("{\"key\":\"x\"}", 2)]
    [InlineData("{\"key\":7,\"step\":\"deleting\"}", 2)]
    [InlineData("{\"key\":\"x\",\"step\":null}", 2)]
    [InlineData("{\"key\":\"x\",\"type\":\"TallyfyRunRemovalResult\"}", 2)]
    [InlineData("[]", 2)]
    [InlineData("HEADER-command", 1)]
    [InlineData("HEADER-version-text", 1)]
    [InlineData("HEADER-version-fraction", 1)]
    [InlineData("HEADER-version-zero", 1)]
    [InlineData("HEADER-date", 1)]
    public void A_damaged_line_is_unreadable_naming_the_file_and_the_line_never_a_missing_key(string line, int number)
    {
        string header = line switch
        {
            "HEADER-command" => Header.Replace("\"command\":\"Remove-TallyfyRun\",", string.Empty),
            "HEADER-version-text" => Header.Replace("\"version\":1", "\"version\":\"1\""),
            "HEADER-version-fraction" => Header.Replace("\"version\":1", "\"version\":1.5"),
            "HEADER-version-zero" => Header.Replace("\"version\":1", "\"version\":0"),
            "HEADER-date" => Header.Replace("2026-01-01T00:00:00Z", "yesterday"),
            _ => Header,
        };
        string path = NewPath();
        File.WriteAllText(path, header + "\n" + (line.StartsWith("HEADER", StringComparison.Ordinal) ? string.Empty : line + "\n") + "{\"key\":\"a\",\"step\":\"deleting\"}\n");
        foreach (Func<object> open in new Func<object>[] { () => JournalFile.Read(path), () => JournalFile.Open(path, _delete) })
        {
            var ex = Assert.Throws<JournalException>(open);
            Assert.Equal(JournalProblem.Unreadable, ex.Problem);
            Assert.Contains($"'{path}' is damaged at line {number}", ex.Message);
            Assert.IsNotType<System.Collections.Generic.KeyNotFoundException>(ex.InnerException);
        }
    }

    [Fact]
    public void A_journal_of_a_newer_format_says_which_version_it_is_and_which_this_one_reads()
    {
        string path = NewPath();
        File.WriteAllText(path, Header.Replace("\"version\":1", "\"version\":2") + "\n");
        var ex = Assert.Throws<JournalException>(() => JournalFile.Read(path));
        Assert.Equal(JournalProblem.Unreadable, ex.Problem);
        Assert.Contains("written by a newer TallyfyPS (format version 2); this one reads version 1", ex.Message);
    }

    [Fact]
    public void A_damaged_line_before_the_last_is_unreadable_and_names_the_line_even_after_an_editor_added_a_byte_order_mark()
    {
        string path = NewPath();
        using (var j = JournalFile.Open(path, _delete))
        {
            j.Result("a", Deleted("a"));
            j.Result("b", Deleted("b"));
        }

        string[] lines = File.ReadAllLines(path);
        lines[1] = lines[1].Substring(0, 20);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var ex = Assert.Throws<JournalException>(() => JournalFile.Read(path));
        Assert.Equal(JournalProblem.Unreadable, ex.Problem);
        Assert.True(ex.Message.Contains("line 2"), ex.Message);
    }

    [Fact]
    public void A_folder_that_does_not_exist_cannot_be_written()
    {
        string path = Path.Combine(_dir, "missing", "x.journal");
        Assert.Equal(JournalProblem.CannotWrite, Assert.Throws<JournalException>(() => JournalFile.Open(path, _delete)).Problem);
        Assert.Equal(JournalProblem.Unreadable, Assert.Throws<JournalException>(() => JournalFile.Read(path)).Problem);
    }
}
