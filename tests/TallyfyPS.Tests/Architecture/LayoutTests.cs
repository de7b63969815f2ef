using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace TallyfyPS.Tests.Architecture;

/// <summary>
/// docs/ARCHITECTURE.md and the source tree agree on what a test can check: the folders of src/TallyfyPS (the
/// layer picture names each, and each it names exists), the layer rule (Cmdlets -> Operations -> Client -> Model:
/// no Cmdlets namespace used from Operations, Client, Model, Journal or Files; no Operations from Client or Model;
/// PowerShell types only in Cmdlets and Model), and that no source file is longer than 450 lines.
/// </summary>
public sealed class LayoutTests
{
    private const int MaxLines = 450;

    internal static string RepoRoot => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    private static string ModuleSource => Path.Combine(RepoRoot, "src", "TallyfyPS");

    private static readonly Regex FolderLine = new Regex(@"^(?<indent> +)(?<name>[A-Za-z][A-Za-z0-9]*)/(\s|$)", RegexOptions.CultureInvariant);

    /// <summary>The folders the layer picture of ARCHITECTURE.md names (the first fenced block under "## The layers"), as paths below src/TallyfyPS.</summary>
    internal static IReadOnlyCollection<string> DocumentedFolders(IEnumerable<string> docLines)
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        bool inSection = false, inBlock = false;
        var stack = new List<(int Indent, string Name)>();
        foreach (string line in docLines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (inSection) { break; }
                inSection = line.Trim() == "## The layers";
                continue;
            }

            if (!inSection) { continue; }
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (inBlock) { break; }
                inBlock = true;
                continue;
            }

            if (!inBlock) { continue; }
            Match m = FolderLine.Match(line);
            if (!m.Success) { continue; }
            int indent = m.Groups["indent"].Value.Length;
            while (stack.Count > 0 && stack[stack.Count - 1].Indent >= indent) { stack.RemoveAt(stack.Count - 1); }
            stack.Add((indent, m.Groups["name"].Value));
            folders.Add(string.Join("/", stack.Select(s => s.Name)));
        }

        return folders;
    }

    private static IReadOnlyCollection<string> ActualFolders()
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string dir in Directory.EnumerateDirectories(ModuleSource, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(ModuleSource, dir).Replace('\\', '/');
            string first = relative.Split('/')[0];
            if (first is "bin" or "obj") { continue; }
            if (!Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Any()) { continue; }
            folders.Add(relative);
        }

        return folders;
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Replace('\\', '/').Contains("/bin/") && !f.Replace('\\', '/').Contains("/obj/"));

    [Fact]
    public void The_layer_picture_reads_nested_folders()
    {
        string[] doc =
        {
            "## The layers", "", "```", "src/TallyfyPS/", "  Model/        plain data", "  Client/       the wire",
            "    Http/       the HTTP client", "                a continuation line", "  Cmdlets/      PowerShell", "```", "## Next",
            "```", "  Other/", "```",
        };
        Assert.Equal(new[] { "Client", "Client/Http", "Cmdlets", "Model" }, DocumentedFolders(doc));
    }

    [Fact]
    public void Every_folder_of_the_module_is_in_the_layer_picture_and_every_folder_it_names_exists()
    {
        IReadOnlyCollection<string> documented = DocumentedFolders(File.ReadAllLines(Path.Combine(RepoRoot, "docs", "ARCHITECTURE.md")));
        IReadOnlyCollection<string> actual = ActualFolders();
        Assert.NotEmpty(documented);
        Assert.True(actual.Except(documented).Count() == 0, "folders missing from docs/ARCHITECTURE.md's layer picture: " + string.Join(", ", actual.Except(documented)));
        Assert.True(documented.Except(actual).Count() == 0, "folders docs/ARCHITECTURE.md names that do not exist: " + string.Join(", ", documented.Except(actual)));
    }

    /// <summary>What each layer may not use: a namespace (or PowerShell's) named in its source files.</summary>
    public static TheoryData<string, string> Forbidden => new TheoryData<string, string>
    {
        { "Client", "TallyfyPS.Cmdlets" },
        { "Client", "TallyfyPS.Operations" },
        { "Client", "System.Management.Automation" },
        { "Operations", "TallyfyPS.Cmdlets" },
        { "Operations", "System.Management.Automation" },
        { "Model", "TallyfyPS.Cmdlets" },
        { "Model", "TallyfyPS.Operations" },
        { "Model", "TallyfyPS.Client" },
        { "Journal", "TallyfyPS.Cmdlets" },
        { "Journal", "System.Management.Automation" },
        { "Files", "TallyfyPS.Cmdlets" },
        { "Files", "System.Management.Automation" },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void A_layer_uses_nothing_above_it(string layer, string forbidden)
    {
        string root = Path.Combine(ModuleSource, layer);
        if (!Directory.Exists(root))
        {
            Assert.Fail($"src/TallyfyPS/{layer} does not exist, but the layer rule names it");
        }

        var pattern = new Regex(@"\b" + Regex.Escape(forbidden) + @"\b", RegexOptions.CultureInvariant);
        var offenders = SourceFiles(root)
            .Where(f => File.ReadLines(f).Any(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(l)))
            .Select(f => Path.GetRelativePath(RepoRoot, f).Replace('\\', '/'))
            .ToList();
        Assert.True(offenders.Count == 0, $"{layer} uses {forbidden}: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void The_layer_rule_catches_a_use_in_a_file()
    {
        var pattern = new Regex(@"\b" + Regex.Escape("TallyfyPS.Cmdlets") + @"\b", RegexOptions.CultureInvariant);
        Assert.Matches(pattern, "using TallyfyPS.Cmdlets;");
        Assert.DoesNotMatch(pattern, "using TallyfyPS.CmdletsExtra;");
    }

    [Fact]
    public void No_source_file_is_longer_than_450_lines()
    {
        var tooLong = new[] { Path.Combine(RepoRoot, "src", "TallyfyPS"), Path.Combine(RepoRoot, "src", "TallyfyPS.Sandbox") }
            .SelectMany(SourceFiles)
            .Select(f => (File: Path.GetRelativePath(RepoRoot, f).Replace('\\', '/'), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File} ({f.Lines})")
            .ToList();
        Assert.True(tooLong.Count == 0, "files over 450 lines: " + string.Join(", ", tooLong));
    }

    /// <summary>The errors a script may catch by type are the only public types of Client and Operations.</summary>
    private static readonly string[] PublicOnPurpose =
    {
        "TallyfyPS.Client.TallyfyApiException", "TallyfyPS.Client.TallyfyErrorKind", "TallyfyPS.Client.NotSentReason",
        "TallyfyPS.Operations.BackupFormatException",
    };

    [Fact]
    public void Client_and_Operations_are_internal_but_for_the_errors_scripts_catch()
    {
        var exposed = typeof(TallyfyPS.Client.TallyfyApi).Assembly.GetExportedTypes()
            .Where(t => t.Namespace is "TallyfyPS.Client" or "TallyfyPS.Operations")
            .Select(t => t.FullName!)
            .Except(PublicOnPurpose)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        Assert.True(exposed.Count == 0, "public types of Client/Operations: " + string.Join(", ", exposed));
    }
}
