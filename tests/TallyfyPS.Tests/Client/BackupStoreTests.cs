using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TallyfyPS.Client;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>The backup folder: files written whole and read back, the index merged and quoted, documents checked.</summary>
public sealed class BackupStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tallyfy-backup-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, true);
        }
    }

    private BackupStore Store()
    {
        var store = new BackupStore(_folder);
        store.Ensure();
        return store;
    }

    [Fact]
    public void A_write_replaces_the_file_whole_returns_its_hash_and_leaves_no_temporary_file()
    {
        BackupStore store = Store();
        string path = store.FileOf("0123456789ABCDEF0123456789abcdef");
        Assert.EndsWith("0123456789abcdef0123456789abcdef.json", path);
        store.Write(path, Encoding.UTF8.GetBytes("old"));
        string hash = store.Write(path, Encoding.UTF8.GetBytes("new content"));
        Assert.Equal("new content", File.ReadAllText(path));
        Assert.Equal(BackupStore.Sha256(Encoding.UTF8.GetBytes("new content")), hash);
        Assert.Equal(64, hash.Length);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_write_that_cannot_happen_throws_IOException_and_leaves_nothing_behind()
    {
        BackupStore store = Store();
        string path = store.FileOf("0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(path);
        Assert.ThrowsAny<IOException>(() => store.Write(path, new byte[] { 1, 2, 3 }));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void The_index_merges_with_earlier_rows_and_quotes_what_needs_it()
    {
        BackupStore store = Store();
        store.WriteIndex(new[]
        {
            new BackupIndexRow { RunId = "bbbb", Name = "Second, with a comma", File = "bbbb.json", Sha256 = "2" },
            new BackupIndexRow { RunId = "aaaa", Name = "First \"quoted\"\nacross lines", File = "aaaa.json", Sha256 = "1" },
        });
        store.WriteIndex(new[] { new BackupIndexRow { RunId = "bbbb", Name = "Second again", File = "bbbb.json", Sha256 = "3" } });
        var rows = store.ReadIndex();
        Assert.Equal(new[] { "aaaa", "bbbb" }, rows.Select(r => r.RunId));
        Assert.Equal("First \"quoted\"\nacross lines", rows[0].Name);
        Assert.Equal("Second again", rows[1].Name);
        Assert.Equal("3", rows[1].Sha256);
        Assert.StartsWith(string.Join(",", BackupIndexRow.Columns) + "\r\n", File.ReadAllText(Path.Combine(_folder, BackupStore.IndexFileName)));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(1)")]
    [InlineData("\tTab first")]
    [InlineData("\rCarriage return first")]
    [InlineData("'quoted already")]
    [InlineData("''twice")]
    [InlineData("'")]
    public void An_index_cell_a_spreadsheet_would_run_is_written_as_text_and_read_back_as_it_was(string name)
    {
        BackupStore store = Store();
        store.WriteIndex(new[] { new BackupIndexRow { RunId = "aaaa", Name = name, File = "aaaa.json", Sha256 = "1" } });
        string text = File.ReadAllText(Path.Combine(_folder, BackupStore.IndexFileName));
        string cell = text.Split(new[] { "\r\n" }, StringSplitOptions.None)[1].Split(',')[1].TrimStart('"');
        Assert.Equal('\'', cell[0]);
        Assert.Equal(name, store.ReadIndex().Single().Name);

        // Merged by a later call: still exactly one ' added.
        store.WriteIndex(new[] { new BackupIndexRow { RunId = "bbbb", Name = "Plain", File = "bbbb.json", Sha256 = "2" } });
        Assert.Equal(name, store.ReadIndex().Single(r => r.RunId == "aaaa").Name);
        Assert.Equal("Plain", store.ReadIndex().Single(r => r.RunId == "bbbb").Name);
    }

    [Fact]
    public void The_first_write_removes_the_modules_own_stale_temporary_files_only()
    {
        BackupStore store = Store();
        string run = new string('a', 32);
        string[] stale = { "." + run + ".json.1234abcd.tmp", ".index.csv.deadbeef.tmp" };
        string[] kept = { "." + run + ".json.0badf00d.tmp" };
        string[] others = { ".notes.json.1234abcd.tmp", "mine.tmp", "." + run + ".json.tmp", "." + run + ".json.1234ABCD.tmp" };
        foreach (string name in stale.Concat(others))
        {
            File.WriteAllText(Path.Combine(_folder, name), "whole run");
            File.SetLastWriteTimeUtc(Path.Combine(_folder, name), DateTime.UtcNow - BackupStore.StaleAge - TimeSpan.FromMinutes(1));
        }

        File.WriteAllText(Path.Combine(_folder, kept[0]), "being written");
        store.Write(store.FileOf(run), Encoding.UTF8.GetBytes("{}"));
        Assert.All(stale, n => Assert.False(File.Exists(Path.Combine(_folder, n)), n));
        Assert.All(kept.Concat(others), n => Assert.True(File.Exists(Path.Combine(_folder, n)), n));
    }

    [Fact]
    public void A_document_round_trips_and_keeps_the_service_json_as_read()
    {
        using var run = JsonDocument.Parse("{\"id\":\"0123456789abcdef0123456789abcdef\",\"name\":\"R\",\"unknown_field\":{\"x\":[1,2.50,\"3\"]},\"progress\":75}");
        using var activity = JsonDocument.Parse("[{\"id\":1,\"verb\":[\"created\"],\"created_at\":\"2026-01-01T00:00:00.000Z\"}]");
        byte[] bytes = BackupDocument.Build(new BackupHeader
        {
            ExportedAt = DateTimeOffset.Parse("2026-12-01T10:00:00Z"),
            ModuleVersion = "9.9.9",
            OrganizationId = "5f1e4c2a9b8d4e7f8a6b3c2d1e0f9a8b",
            SourceUrl = "https://go.tallyfy.com/api/organizations/5f1e4c2a9b8d4e7f8a6b3c2d1e0f9a8b/runs/0123456789abcdef0123456789abcdef",
            RunId = "0123456789abcdef0123456789abcdef",
            RunName = "R",
            LastUpdated = "2026-11-30T00:00:00.000Z",
        }, run.RootElement, activity.RootElement.EnumerateArray().ToList());
        using BackupDocument doc = BackupDocument.Parse(bytes, "x.json");
        Assert.Equal("0123456789abcdef0123456789abcdef", doc.RunId);
        Assert.Equal(BackupDocument.FormatVersion, doc.Version);
        Assert.Null(doc.ArchivedAt);
        Assert.Equal("{\"x\":[1,2.50,\"3\"]}", doc.Run.GetProperty("unknown_field").GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", ""));
        Assert.Equal(JsonValueKind.Array, doc.Activity[0].GetProperty("verb").ValueKind);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"format\":\"tallyfyps-run-backup\",\"format_version\":1,", "not complete JSON")]
    [InlineData("[1,2]", "not an object")]
    [InlineData("{\"hello\":1}", "not a TallyfyPS run backup")]
    [InlineData("{\"format\":\"tallyfyps-run-backup\",\"format_version\":2}", "version 2")]
    [InlineData("{\"format\":\"tallyfyps-run-backup\",\"format_version\":1,\"exported_at\":\"x\",\"organization_id\":\"o\",\"run_id\":\"0123456789abcdef0123456789abcdef\",\"module_version\":\"1\",\"source_url\":\"u\",\"activity\":[]}", "holds no run")]
    [InlineData("{\"format\":\"tallyfyps-run-backup\",\"format_version\":1,\"exported_at\":\"x\",\"organization_id\":\"o\",\"run_id\":\"0123456789abcdef0123456789abcdef\",\"module_version\":\"1\",\"source_url\":\"u\",\"run\":{\"id\":\"ffffffffffffffffffffffffffffffff\"},\"activity\":[]}", "another id")]
    public void A_file_that_is_not_a_backup_is_refused_saying_why(string text, string problem)
    {
        var ex = Assert.Throws<BackupFormatException>(() => BackupDocument.Parse(Encoding.UTF8.GetBytes(text), "bad.json"));
        Assert.Contains(problem, ex.Problem);
        Assert.Equal("bad.json", ex.Path);
    }

    [Theory]
    [InlineData("{\"id\":\"0123456789abcdef0123456789abcdef\",\"tags\":{\"data\":[]},\"ko_form_fields\":{\"data\":[]}}", "'tasks'")]
    [InlineData("{\"id\":\"0123456789abcdef0123456789abcdef\",\"tasks\":{\"data\":[{\"id\":\"t\",\"form_fields\":{\"data\":[]}}]},\"tags\":{\"data\":[]},\"ko_form_fields\":{\"data\":[]}}", "without its form fields or comments")]
    [InlineData("{\"id\":\"ffffffffffffffffffffffffffffffff\",\"tasks\":{\"data\":[]},\"tags\":{\"data\":[]},\"ko_form_fields\":{\"data\":[]}}", "not the run asked for")]
    public void An_answer_that_would_make_a_lossy_backup_is_refused(string json, string problem)
    {
        using var run = JsonDocument.Parse(json);
        var ex = Assert.Throws<TallyfyApiException>(() => BackupDocument.CheckComplete(run.RootElement, "0123456789abcdef0123456789abcdef"));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void A_whole_answer_passes()
    {
        using var run = JsonDocument.Parse("{\"id\":\"0123456789abcdef0123456789abcdef\",\"tasks\":{\"data\":[{\"id\":\"t\",\"form_fields\":{\"data\":[]},\"threads\":{\"data\":[]}}]},\"tags\":{\"data\":[]},\"ko_form_fields\":{\"data\":[]}}");
        BackupDocument.CheckComplete(run.RootElement, "0123456789abcdef0123456789abcdef");
    }
}
