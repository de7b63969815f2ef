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

/// <summary>
/// -WhatIf, -Confirm, -Force and $ConfirmPreference together, through a hosted PowerShell whose prompts the
/// test answers: one prompt per item at most, in the words the user sees, and "No to All" ends the prompting.
/// </summary>
[Collection("Cmdlets")]
public sealed class ConfirmationPolicyTests : ClientTestBase, IDisposable
{
    private readonly HostedShell _shell = new HostedShell();

    public void Dispose() => _shell.Dispose();

    private TestHostUI Ui => _shell.Host.Ui;

    private TallyfySession Session()
    {
        var api = new TallyfyApi(NewClient());
        var session = new TallyfySession(new TallyfyUser { Id = 1001, Email = "dana.whitfield@acme.example" }, Org, "Acme Operations",
            api.Http.Options.BaseUri, "test", 3, TimeSpan.FromSeconds(20), role: "admin");
        TallyfyPS.Cmdlets.SessionStore.Add(session, new TallyfyOperations(api), makeCurrent: false);
        return session;
    }

    private async Task<string[]> LiveIds(int n)
    {
        var ids = (await ListRuns("status=active")).Where(r => r["archived_at"] is null).Select(r => (string)r["id"]!).Take(n).ToArray();
        Assert.Equal(n, ids.Length);
        return ids;
    }

    private (List<object?> Output, List<ErrorRecord> Errors) Run(string script, string[] ids) =>
        _shell.Run(script, new Dictionary<string, object?> { ["ids"] = ids, ["s"] = Session() });

    [Fact]
    public async Task With_ConfirmPreference_Medium_a_permanent_deletion_prompts_once_per_run_and_No_to_All_ends_it()
    {
        string[] ids = await LiveIds(3);
        Ui.Answer("No to All");
        long seq = await LastSeq();
        var (output, errors) = Run("$ConfirmPreference = 'Medium'; Remove-TallyfyRun -Id $ids -Permanent -Session $s", ids);
        Assert.Empty(errors);
        PromptSeen prompt = Assert.Single(Ui.Prompts);
        Assert.Contains("cannot be undone", prompt.Message);
        Assert.Contains(ids[0], prompt.Message);
        Assert.Equal(ids, output.Cast<TallyfyRunRemovalResult>().Select(r => r.RunId));
        Assert.All(output.Cast<TallyfyRunRemovalResult>(), r => Assert.Equal(TallyfyRemovalStatus.Skipped, r.Status));
        Assert.DoesNotContain(await Window(seq), e => e.Method != "GET");
    }

    [Fact]
    public async Task With_ConfirmPreference_Medium_a_permanent_deletion_asks_one_question_per_run()
    {
        string[] ids = await LiveIds(2);
        Ui.Answer("Yes", "No");
        var (output, errors) = Run("$ConfirmPreference = 'Medium'; Remove-TallyfyRun -Id $ids -Permanent -Session $s", ids);
        Assert.Empty(errors);
        Assert.Equal(2, Ui.Prompts.Count);
        Assert.Equal(new[] { TallyfyRemovalStatus.Deleted, TallyfyRemovalStatus.Skipped }, output.Cast<TallyfyRunRemovalResult>().Select(r => r.Status));
    }

    [Fact]
    public async Task Confirm_on_a_permanent_deletion_asks_once_per_run_and_says_it_cannot_be_undone()
    {
        string[] ids = await LiveIds(2);
        Ui.Answer("Yes", "Yes");
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Permanent -Confirm -Session $s", ids);
        Assert.Empty(errors);
        Assert.Equal(2, Ui.Prompts.Count);
        Assert.All(Ui.Prompts, p => Assert.Contains("cannot be undone", p.Message));
        Assert.All(output.Cast<TallyfyRunRemovalResult>(), r => Assert.Equal(TallyfyRemovalStatus.Deleted, r.Status));
    }

    [Fact]
    public async Task The_default_ConfirmPreference_prompts_for_a_permanent_deletion_and_not_for_an_archive()
    {
        string[] ids = await LiveIds(2);
        Ui.Answer("Yes");
        var (deleted, _) = Run("Remove-TallyfyRun -Id $ids[0] -Permanent -Session $s", ids);
        Assert.Single(Ui.Prompts);
        Assert.Equal(TallyfyRemovalStatus.Deleted, Assert.IsType<TallyfyRunRemovalResult>(Assert.Single(deleted)).Status);
        var (archived, _) = Run("Remove-TallyfyRun -Id $ids[1] -Session $s", ids);
        Assert.Single(Ui.Prompts);
        Assert.Equal(TallyfyRemovalStatus.Archived, Assert.IsType<TallyfyRunRemovalResult>(Assert.Single(archived)).Status);
    }

    [Fact]
    public async Task ConfirmPreference_Low_prompts_for_an_archive_and_None_prompts_for_nothing()
    {
        string[] ids = await LiveIds(2);
        Ui.Answer("No");
        var (low, _) = Run("$ConfirmPreference = 'Low'; Remove-TallyfyRun -Id $ids[0] -Session $s", ids);
        Assert.Single(Ui.Prompts);
        Assert.Equal(TallyfyRemovalStatus.Skipped, Assert.IsType<TallyfyRunRemovalResult>(Assert.Single(low)).Status);
        var (none, _) = Run("$ConfirmPreference = 'None'; Remove-TallyfyRun -Id $ids[1] -Permanent -Session $s", ids);
        Assert.Single(Ui.Prompts);
        Assert.Equal(TallyfyRemovalStatus.Deleted, Assert.IsType<TallyfyRunRemovalResult>(Assert.Single(none)).Status);
    }

    [Fact]
    public async Task WhatIf_wins_over_Confirm_and_Force()
    {
        string[] ids = await LiveIds(1);
        long seq = await LastSeq();
        var (output, errors) = Run("Remove-TallyfyRun -Id $ids -Permanent -Confirm -Force -WhatIf -Session $s", ids);
        Assert.Empty(errors);
        Assert.Empty(output);
        Assert.Empty(Ui.Prompts);
        Assert.DoesNotContain(await Window(seq), e => e.Method != "GET");
    }

    [Fact]
    public async Task A_host_that_cannot_prompt_stops_with_ConfirmationRequired_before_any_request()
    {
        string[] ids = await LiveIds(1);
        long seq = await LastSeq();
        using var ps = PowerShell.Create(); // no host UI: it cannot prompt
        ps.AddScript("param($m, $ids, $s) Import-Module $m; Remove-TallyfyRun -Id $ids -Permanent -Session $s")
            .AddArgument(typeof(TallyfyPS.Cmdlets.TallyfyCmdlet).Assembly.Location).AddArgument(ids).AddArgument(Session());
        var output = ps.Invoke();
        Assert.Empty(output);
        ErrorRecord error = Assert.Single(ps.Streams.Error);
        Assert.StartsWith("ConfirmationRequired", error.FullyQualifiedErrorId);
        Assert.Contains("-Force", error.ErrorDetails?.Message ?? error.Exception.Message);
        Assert.Empty(await Window(seq));
    }
}
