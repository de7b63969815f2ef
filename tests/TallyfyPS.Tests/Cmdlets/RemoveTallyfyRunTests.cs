using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Cmdlets;

[CollectionDefinition("Cmdlets", DisableParallelization = false)]
public sealed class CmdletsCollection
{
}

[Collection("Cmdlets")]
public sealed class RemoveTallyfyRunTests : ClientTestBase, IDisposable
{
    private const string Missing = "0000000000000000000000000000dead";
    private readonly HostedShell _shell = new HostedShell();

    public void Dispose() => _shell.Dispose();

    private TallyfySession Session(string token = Admin)
    {
        var api = new TallyfyApi(NewClient(token));
        var session = new TallyfySession(new TallyfyUser { Id = 1001, Email = "dana.whitfield@acme.example" }, Org, "Acme Operations",
            api.Http.Options.BaseUri, "test", 3, TimeSpan.FromSeconds(20), role: null);
        TallyfyPS.Cmdlets.SessionStore.Add(session, new TallyfyOperations(api), makeCurrent: false);
        return session;
    }

    private TestHostUI Ui => _shell.Host.Ui;

    private async Task<List<(string Id, string Name)>> Live(int n)
    {
        var live = (await ListRuns("status=active")).Where(r => r["archived_at"] is null)
            .Select(r => ((string)r["id"]!, (string)r["name"]!)).Take(n).ToList();
        Assert.Equal(n, live.Count);
        return live;
    }

    private (List<object?> Output, List<ErrorRecord> Errors) Run(string script, object? ids, string token = Admin) =>
        _shell.Run(script, new Dictionary<string, object?> { ["ids"] = ids, ["s"] = Session(token) });

    private static List<Logged> Mutations(List<Logged> log) => log.Where(e => e.Method != "GET").ToList();

    [Fact]
    public async Task Permanent_prompts_once_per_run_naming_action_run_and_id()
    {
        var runs = await Live(3);
        Ui.Answer("Yes", "Yes", "Yes");
        long seq = await LastSeq();
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Permanent -Session $s", runs.Select(r => r.Id).ToArray());
        Assert.Empty(errors);
        Assert.Equal(3, Ui.Prompts.Count);
        for (int i = 0; i < 3; i++)
        {
            PromptSeen p = Ui.Prompts[i];
            Assert.Contains("Permanently delete", p.Message + " " + p.Caption);
            Assert.Contains(runs[i].Name, p.Message);
            Assert.Contains(runs[i].Id, p.Message);
            Assert.Contains("Yes to All", p.Choices);
        }

        var results = output.Cast<TallyfyRunRemovalResult>().ToList();
        Assert.Equal(runs.Select(r => r.Id), results.Select(r => r.RunId));
        Assert.All(results, r => Assert.Equal(TallyfyRemovalStatus.Deleted, r.Status));
        Assert.All(results, r => Assert.Equal(TallyfyAction.Delete, r.Action));
        Assert.Equal(runs.Select(r => r.Name), results.Select(r => r.Name));
        foreach (var r in runs)
        {
            Assert.Equal("gone", await StateOf(r.Id));
        }

        Assert.Equal(6, Mutations(await Window(seq)).Count);
    }

    [Fact]
    public async Task Answer_No_gives_Skipped_and_sends_no_mutation_for_that_run()
    {
        var runs = await Live(2);
        Ui.Answer("No", "Yes");
        long seq = await LastSeq();
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Permanent -Session $s", runs.Select(r => r.Id).ToArray());
        Assert.Empty(errors);
        Assert.Equal(2, Ui.Prompts.Count);
        var results = output.Cast<TallyfyRunRemovalResult>().ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal(runs[0].Id, results[0].RunId);
        Assert.Equal(TallyfyRemovalStatus.Skipped, results[0].Status);
        Assert.Equal(TallyfyRemovalStatus.Deleted, results[1].Status);
        var mutations = Mutations(await Window(seq));
        Assert.DoesNotContain(mutations, e => e.Path.Contains(runs[0].Id));
        Assert.Contains(mutations, e => e.Path.Contains(runs[1].Id));
        Assert.Equal("live", await StateOf(runs[0].Id));
    }

    [Fact]
    public async Task Yes_to_all_stops_further_prompts()
    {
        var runs = await Live(4);
        Ui.Answer("Yes to All");
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Permanent -Session $s", runs.Select(r => r.Id).ToArray());
        Assert.Empty(errors);
        Assert.Single(Ui.Prompts);
        Assert.All(output.Cast<TallyfyRunRemovalResult>(), r => Assert.Equal(TallyfyRemovalStatus.Deleted, r.Status));
        Assert.Equal(4, output.Count);
    }

    [Fact]
    public async Task No_to_all_skips_the_rest_without_prompts_or_mutations()
    {
        var runs = await Live(3);
        Ui.Answer("No to All");
        long seq = await LastSeq();
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Permanent -Session $s", runs.Select(r => r.Id).ToArray());
        Assert.Empty(errors);
        Assert.Single(Ui.Prompts);
        Assert.All(output.Cast<TallyfyRunRemovalResult>(), r => Assert.Equal(TallyfyRemovalStatus.Skipped, r.Status));
        Assert.Empty(Mutations(await Window(seq)));
    }

    [Fact]
    public async Task Force_does_not_prompt()
    {
        var runs = await Live(3);
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Permanent -Force -Session $s", runs.Select(r => r.Id).ToArray());
        Assert.Empty(errors);
        Assert.Empty(Ui.Prompts);
        Assert.All(output.Cast<TallyfyRunRemovalResult>(), r => Assert.Equal(TallyfyRemovalStatus.Deleted, r.Status));
    }

    [Fact]
    public async Task Confirm_false_does_not_prompt()
    {
        var runs = await Live(2);
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Permanent -Confirm:$false -Session $s", runs.Select(r => r.Id).ToArray());
        Assert.Empty(errors);
        Assert.Empty(Ui.Prompts);
        Assert.Equal(2, output.Count);
    }

    [Theory]
    [InlineData("-Permanent -WhatIf -Force")]
    [InlineData("-WhatIf -Force")]
    [InlineData("-Permanent -WhatIf")]
    [InlineData("-WhatIf")]
    public async Task WhatIf_sends_no_mutation_and_emits_nothing(string switches)
    {
        var runs = await Live(3);
        long seq = await LastSeq();
        var (output, errors) = Run($"Remove-TallyfyRun -Id $ids {switches} -Session $s", runs.Select(r => r.Id).ToArray());
        Assert.Empty(errors);
        Assert.Empty(Ui.Prompts);
        Assert.Empty(output);
        Assert.Empty(Mutations(await Window(seq)));
        Assert.Contains(Ui.Lines, l => l.Contains("What if") && l.Contains(runs[0].Id));
        foreach (var r in runs)
        {
            Assert.Equal("live", await StateOf(r.Id));
        }
    }

    [Fact]
    public async Task WhatIf_preference_variable_is_honoured()
    {
        var runs = await Live(1);
        long seq = await LastSeq();
        var (output, _) = Run("$WhatIfPreference = $true; try { Remove-TallyfyRun -Id $ids -Force -Session $s } finally { $WhatIfPreference = $false }", runs.Select(r => r.Id).ToArray());
        Assert.Empty(output);
        Assert.Empty(Mutations(await Window(seq)));
    }

    [Fact]
    public async Task Archive_does_not_prompt()
    {
        var runs = await Live(3);
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Session $s", runs.Select(r => r.Id).ToArray());
        Assert.Empty(errors);
        Assert.Empty(Ui.Prompts);
        var results = output.Cast<TallyfyRunRemovalResult>().ToList();
        Assert.Equal(runs.Select(r => r.Id), results.Select(r => r.RunId));
        Assert.All(results, r => Assert.Equal(TallyfyRemovalStatus.Archived, r.Status));
        Assert.All(results, r => Assert.Equal(TallyfyAction.Archive, r.Action));
        foreach (var r in runs)
        {
            Assert.Equal("archived", await StateOf(r.Id));
        }
    }

    [Fact]
    public async Task Archive_with_Confirm_prompts_with_the_run_named()
    {
        var runs = await Live(1);
        Ui.Answer("No");
        long seq = await LastSeq();
        var (output, _) = Run("Remove-TallyfyRun -Id $ids -Confirm -Session $s", runs.Select(r => r.Id).ToArray());
        var p = Assert.Single(Ui.Prompts);
        Assert.Contains("Archive", p.Message + " " + p.Caption);
        Assert.Contains(runs[0].Id, p.Message);
        Assert.Contains(runs[0].Name, p.Message);
        Assert.Empty(Mutations(await Window(seq)));
        Assert.Equal(TallyfyRemovalStatus.Skipped, Assert.IsType<TallyfyRunRemovalResult>(Assert.Single(output)).Status);
    }

    [Fact]
    public async Task Errors_carry_ids_categories_and_results_keep_input_order()
    {
        var runs = await Live(3);
        object[] ids = { runs[0].Id, "not-a-run-id", Missing, runs[1].Id.ToUpperInvariant(), "../" + runs[2].Id, runs[2].Id };
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Session $s 2>&1", ids);
        Assert.Empty(errors);
        Assert.Equal(7, output.Count);
        var first = Assert.IsType<TallyfyRunRemovalResult>(output[0]);
        Assert.Equal(runs[0].Id, first.RunId);
        var invalid = Assert.IsType<ErrorRecord>(output[1]);
        Assert.StartsWith("InvalidRunId,", invalid.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, invalid.CategoryInfo.Category);
        Assert.Equal("not-a-run-id", invalid.TargetObject);
        var missingResult = Assert.IsType<TallyfyRunRemovalResult>(output[2]);
        Assert.Equal(Missing, missingResult.RunId);
        Assert.Equal(TallyfyRemovalStatus.NotFound, missingResult.Status);
        var notFound = Assert.IsType<ErrorRecord>(output[3]);
        Assert.StartsWith("RunNotFound,", notFound.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, notFound.CategoryInfo.Category);
        Assert.Equal(Missing, notFound.TargetObject);
        Assert.Equal(runs[1].Id, Assert.IsType<TallyfyRunRemovalResult>(output[4]).RunId);
        var traversal = Assert.IsType<ErrorRecord>(output[5]);
        Assert.StartsWith("InvalidRunId,", traversal.FullyQualifiedErrorId);
        Assert.Equal(runs[2].Id, Assert.IsType<TallyfyRunRemovalResult>(output[6]).RunId);
    }

    [Fact]
    public async Task Permission_denied_is_reported_with_its_category()
    {
        var runs = await Live(1);
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Permanent -Force -Session $s 2>&1", runs.Select(r => r.Id).ToArray(), token: Standard);
        var result = Assert.IsType<TallyfyRunRemovalResult>(output[0]);
        Assert.Equal(TallyfyRemovalStatus.Forbidden, result.Status);
        Assert.Equal(403, result.HttpStatus);
        var error = Assert.IsType<ErrorRecord>(output[1]);
        Assert.StartsWith("PermissionDenied,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Equal(runs[0].Id, error.TargetObject);
    }

    [Fact]
    public async Task Results_come_in_input_order_under_jittered_latency()
    {
        var live = (await ListRuns("status=active")).Select(r => (string)r["id"]!).Take(16).ToList();
        await Faults(new { latencyJitterMs = 60 });
        var (output, errors) = Run("$ids | Remove-TallyfyRun -ThrottleLimit 8 -Session $s", live.ToArray());
        Assert.Empty(errors);
        Assert.Equal(live, output.Cast<TallyfyRunRemovalResult>().Select(r => r.RunId));
        await Faults(new { });
    }

    [Fact]
    public async Task Piping_a_filtered_listing_into_removal_leaves_nothing_behind()
    {
        int before = (await ListRuns("status=active")).Count;
        var (output, errors) = Run("Get-TallyfyRun -Status active -Session $s | Remove-TallyfyRun -Session $s", null);
        Assert.Empty(errors);
        Assert.Equal(before, output.Count);
        Assert.Equal(before, output.Cast<TallyfyRunRemovalResult>().Select(r => r.RunId).Distinct().Count());
        Assert.Empty(await ListRuns("status=active"));
    }

    [Fact]
    public async Task Get_by_id_reports_not_found_and_invalid_in_input_order()
    {
        var runs = await Live(2);
        object[] ids = { runs[0].Id, "zz", Missing, runs[1].Id };
        var (output, _) = Run("Get-TallyfyRun -Id $ids -Session $s 2>&1", ids);
        Assert.Equal(4, output.Count);
        Assert.Equal(runs[0].Id, Assert.IsType<TallyfyRun>(output[0]).Id);
        var invalid = Assert.IsType<ErrorRecord>(output[1]);
        Assert.StartsWith("InvalidRunId,", invalid.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, invalid.CategoryInfo.Category);
        var missing = Assert.IsType<ErrorRecord>(output[2]);
        Assert.StartsWith("RunNotFound,", missing.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
        Assert.Equal(runs[1].Id, Assert.IsType<TallyfyRun>(output[3]).Id);
    }

    [Fact]
    public async Task Removal_result_pipes_into_restore()
    {
        var runs = await Live(2);
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Session $s | Restore-TallyfyRun -Session $s", runs.Select(r => r.Id).ToArray());
        Assert.Empty(errors);
        Assert.Equal(2, output.Count);
        foreach (var r in runs)
        {
            Assert.Equal("live", await StateOf(r.Id));
        }
    }
}
