using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using TallyfyPS.Cmdlets;
using Xunit;

namespace TallyfyPS.Tests.Cmdlets;

/// <summary>
/// The shape of the cmdlets, read by reflection over the module assembly: no cmdlet sits deeper than three classes below
/// PSCmdlet, the bulk pipeline (src/TallyfyPS/Cmdlets/Pipeline) offers cmdlets at most eight extension points, and the
/// members of IBulkOperation are the ones docs/ARCHITECTURE.md lists.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>PSCmdlet -> TallyfyCmdlet -> SessionCmdlet -> RunInputCmdlet -> the cmdlet: three classes between.</summary>
    private const int MaxDepth = 3;

    private const int MaxExtensionPoints = 8;

    private static readonly Assembly Module = typeof(TallyfyCmdlet).Assembly;

    private static string RepoRoot => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    private static IReadOnlyList<Type> Cmdlets => Module.GetTypes()
        .Where(t => !t.IsAbstract && typeof(PSCmdlet).IsAssignableFrom(t) && t.GetCustomAttribute<CmdletAttribute>() != null)
        .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>The classes between a cmdlet and PSCmdlet (TallyfyCmdlet, SessionCmdlet, ...), nearest first.</summary>
    private static List<Type> BasesBelowPSCmdlet(Type cmdlet)
    {
        var bases = new List<Type>();
        for (Type? t = cmdlet.BaseType; t != null && t != typeof(PSCmdlet); t = t.BaseType)
        {
            bases.Add(t);
        }

        return bases;
    }

    /// <summary>The types declared in src/TallyfyPS/Cmdlets/Pipeline (the folder, not a namespace), by their names in the source.</summary>
    private static HashSet<string> PipelineTypeNames()
    {
        string folder = Path.Combine(RepoRoot, "src", "TallyfyPS", "Cmdlets", "Pipeline");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var declaration = new Regex(@"\b(?:class|interface|struct|enum)\s+(\w+)(?:<([^>]+)>)?", RegexOptions.CultureInvariant);
        foreach (string file in Directory.GetFiles(folder, "*.cs"))
        {
            foreach (Match m in declaration.Matches(File.ReadAllText(file)))
            {
                int arity = m.Groups[2].Success ? m.Groups[2].Value.Split(',').Length : 0;
                names.Add(arity == 0 ? m.Groups[1].Value : $"{m.Groups[1].Value}`{arity}");
            }
        }

        return names;
    }

    private static bool InPipeline(Type type, HashSet<string> pipeline) =>
        type.Assembly == Module && type.DeclaringType is null && pipeline.Contains(type.Name);

    /// <summary>A cmdlet and every type nested in it (its operation).</summary>
    private static IEnumerable<Type> WithNested(Type type) => new[] { type }.Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(WithNested));

    /// <summary>
    /// What cmdlets can plug into the pipeline: the members of every Cmdlets/Pipeline interface a cmdlet (or its operation)
    /// implements, and the virtual or abstract members of every Cmdlets/Pipeline class one derives from.
    /// </summary>
    private static SortedSet<string> ExtensionPoints()
    {
        HashSet<string> pipeline = PipelineTypeNames();
        var points = new SortedSet<string>(StringComparer.Ordinal);
        const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (Type type in Cmdlets.SelectMany(WithNested))
        {
            foreach (Type face in type.GetInterfaces().Select(i => i.IsGenericType ? i.GetGenericTypeDefinition() : i).Where(i => InPipeline(i, pipeline)))
            {
                foreach (MemberInfo member in face.GetMembers(declared).Where(m => !(m is MethodInfo method && method.IsSpecialName)))
                {
                    points.Add($"{face.Name}.{member.Name}");
                }
            }

            for (Type? t = type.BaseType; t != null && t.Assembly == Module; t = t.BaseType)
            {
                Type definition = t.IsGenericType ? t.GetGenericTypeDefinition() : t;
                if (!InPipeline(definition, pipeline))
                {
                    continue;
                }

                foreach (MethodInfo method in definition.GetMethods(declared).Where(m => (m.IsVirtual || m.IsAbstract) && !m.IsFinal))
                {
                    points.Add($"{definition.Name}.{method.Name}");
                }
            }
        }

        return points;
    }

    [Fact]
    public void Every_cmdlet_sits_at_most_three_classes_below_PSCmdlet()
    {
        Assert.NotEmpty(Cmdlets);
        var deep = Cmdlets.Select(c => (Cmdlet: c, Bases: BasesBelowPSCmdlet(c))).Where(c => c.Bases.Count > MaxDepth)
            .Select(c => $"{c.Cmdlet.Name}: {string.Join(" -> ", c.Bases.Select(b => b.Name))}").ToList();
        Assert.True(deep.Count == 0, "Cmdlets deeper than " + MaxDepth + " classes below PSCmdlet:\n" + string.Join("\n", deep));
    }

    [Fact]
    public void The_pipeline_offers_cmdlets_at_most_eight_extension_points()
    {
        SortedSet<string> points = ExtensionPoints();
        Assert.Contains("IBulkOperation`2.SendAsync", points); // the count reads what it should
        Assert.True(points.Count <= MaxExtensionPoints, $"{points.Count} extension points (at most {MaxExtensionPoints}):\n" + string.Join("\n", points));
    }

    [Fact]
    public void Every_bulk_cmdlet_owns_a_pipeline_rather_than_deriving_from_one()
    {
        HashSet<string> pipeline = PipelineTypeNames();
        var derived = Cmdlets.Where(c => BasesBelowPSCmdlet(c).Any(b => InPipeline(b.IsGenericType ? b.GetGenericTypeDefinition() : b, pipeline)))
            .Select(c => c.Name).ToList();
        Assert.Empty(derived);
        Assert.Contains(Cmdlets, c => c.GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
            .Any(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(BulkPipeline<,>)));
    }

    [Fact]
    public void Nothing_in_the_pipeline_is_extended_by_overriding()
    {
        HashSet<string> pipeline = PipelineTypeNames();
        const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var open = Module.GetTypes().Where(t => t.IsClass && InPipeline(t, pipeline))
            .SelectMany(t => new[] { t }.Concat(t.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)))
            .Where(t => !t.IsSealed && !(t.IsAbstract && t.IsSealed))
            .SelectMany(t => t.GetMethods(declared).Where(m => (m.IsVirtual || m.IsAbstract) && !m.IsFinal).Select(m => $"{t.Name}.{m.Name}"))
            .ToList();
        Assert.True(open.Count == 0, "Overridable members in Cmdlets/Pipeline (seal them, or pass delegates):\n" + string.Join("\n", open));
        Assert.True(typeof(OrderedWorkQueue.Entry).IsSealed);
    }

    [Fact]
    public void IBulkOperation_has_the_members_docs_ARCHITECTURE_lists()
    {
        string doc = File.ReadAllText(Path.Combine(RepoRoot, "docs", "ARCHITECTURE.md"));
        const string marker = "<!-- the members of IBulkOperation (ArchitectureTests reads this table) -->";
        int at = doc.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, "docs/ARCHITECTURE.md has no table of IBulkOperation's members after: " + marker);
        var documented = new List<string>();
        foreach (string line in doc.Substring(at + marker.Length).Split('\n').Select(l => l.Trim()).SkipWhile(l => l.Length == 0).TakeWhile(l => l.StartsWith("|", StringComparison.Ordinal)))
        {
            Match m = Regex.Match(line, @"^\|\s*`(\w+)");
            if (m.Success)
            {
                documented.Add(m.Groups[1].Value);
            }
        }

        string[] members = typeof(IBulkOperation<,>).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !(m is MethodInfo method && method.IsSpecialName)).Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(members);
        Assert.Equal(members, documented.OrderBy(n => n, StringComparer.Ordinal).ToArray());
    }
}
