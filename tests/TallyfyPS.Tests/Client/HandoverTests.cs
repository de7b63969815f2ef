using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>
/// The handover's one write per record: every assignment of the call on a record goes in one request, and everything
/// else on the record (other members, guests, groups, the title a step needs) is sent back as it was read. Scripted, so
/// each body is seen whole.
/// </summary>
public sealed class HandoverTests
{
    private const string Org = Scripted.Org;
    private const string RunId = "0123456789abcdef0123456789abcdef";
    private const string Template = "aaaabbbbccccddddeeeeffff00001111";
    private const string Step = "aaaabbbbccccddddeeeeffff00000002";
    private const string Group = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01";

    private static string Item(string json) => "{\"data\":" + json + "}";

    /// <summary>Answers <paramref name="read"/> to the GET, then 200 to the write, keeping the write's body.</summary>
    private static (ScriptedHandler Handler, List<string> Bodies) Script(string read, string written)
    {
        var bodies = new List<string>();
        var h = new ScriptedHandler().Respond(200, read).Then(async (request, _) =>
        {
            bodies.Add(await request.Content!.ReadAsStringAsync());
            return ScriptedHandler.Make(HttpStatusCode.OK, written);
        });
        return (h, bodies);
    }

    private static AssignmentMove Move(TallyfyAssignmentKind kind, string id) =>
        new AssignmentMove(new TallyfyAssignment { Kind = kind, Id = id, From = "marco.reyes@acme.example" }, 1002, "marco.reyes@acme.example", 1001, "dana.whitfield@acme.example");

    private static async Task<(HandoverOutcome Outcome, JsonElement Body, ScriptedHandler Handler)> Run(RecordMove move, string read, string written)
    {
        (ScriptedHandler h, List<string> bodies) = Script(read, written);
        var ops = new TallyfyOperations(new TallyfyApi(Scripted.Client(h)));
        var counter = new CallContext().NewCounter();
        await ops.ReadForMoveAsync(Org, move, counter);
        HandoverOutcome outcome = move.Pending.Any() ? await ops.MoveAsync(Org, move, new RecordGate(), counter) : new HandoverOutcome();
        return (outcome, bodies.Count == 0 ? default : JsonDocument.Parse(bodies.Single()).RootElement.Clone(), h);
    }

    private static long[] Longs(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetInt64()).ToArray();

    private static string[] Texts(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToArray();

    [Fact]
    public async Task A_run_owned_and_joined_is_read_once_and_written_once_with_its_groups()
    {
        var move = new RecordMove(MovedRecord.Run, RunId, null, RunId, "Q3 audit");
        move.Moves.Add(Move(TallyfyAssignmentKind.RunOwner, RunId));
        move.Moves.Add(Move(TallyfyAssignmentKind.RunMember, RunId));
        string run = $"{{\"id\":\"{RunId}\",\"name\":\"Q3 audit\",\"status\":\"active\",\"owner_id\":1002,\"users\":[1003,1002],\"groups\":[\"{Group}\"]}}";
        var (outcome, body, h) = await Run(move, Item(run), Item(run));
        Assert.Equal(ChangeStatus.Done, outcome.Status);
        Assert.Equal(2, h.Requests.Count);
        Assert.Equal(HttpMethod.Put, h.Requests[1].Method);
        Assert.Equal(1001, body.GetProperty("owner_id").GetInt64());
        Assert.Equal(new long[] { 1003, 1001 }, Longs(body, "users"));
        Assert.Equal(new[] { Group }, Texts(body, "groups"));
    }

    [Fact]
    public async Task A_step_is_written_with_its_title_and_all_three_buckets()
    {
        var move = new RecordMove(MovedRecord.Step, Step, Template, null, "Review");
        move.Moves.Add(Move(TallyfyAssignmentKind.TemplateStep, Step));
        string step = $"{{\"id\":\"{Step}\",\"title\":\"Review\",\"assignees\":[1002,1005],\"guests\":[\"olga.petrov@contoso.example\"],\"groups\":[\"{Group}\"]}}";
        var (_, body, h) = await Run(move, Item(step), Item(step));
        Assert.EndsWith($"/checklists/{Template}/steps/{Step}", h.Requests[1].Uri.AbsolutePath);
        Assert.Equal("Review", body.GetProperty("title").GetString());
        Assert.Equal(new long[] { 1001, 1005 }, Longs(body, "assignees"));
        Assert.Equal(new[] { "olga.petrov@contoso.example" }, Texts(body, "guests"));
        Assert.Equal(new[] { Group }, Texts(body, "groups"));
    }

    [Fact]
    public async Task A_group_is_written_with_its_members_and_guests_both()
    {
        var move = new RecordMove(MovedRecord.Group, Group, null, null, "Finance team");
        move.Moves.Add(Move(TallyfyAssignmentKind.GroupMember, Group));
        string group = $"{{\"id\":\"{Group}\",\"name\":\"Finance team\",\"description\":\"Books.\",\"members\":[1001,1002,1005],\"guests\":[\"olga.petrov@contoso.example\"]}}";
        string list = "{\"data\":[" + group + "],\"meta\":{\"pagination\":{\"total\":1,\"count\":1,\"per_page\":100,\"current_page\":1,\"total_pages\":1}}}";
        var (_, body, _) = await Run(move, list, Item(group));
        Assert.Equal("Finance team", body.GetProperty("name").GetString());
        Assert.Equal("Books.", body.GetProperty("description").GetString());
        Assert.Equal(new long[] { 1001, 1005 }, Longs(body, "members"));
        Assert.Equal(new[] { "olga.petrov@contoso.example" }, Texts(body, "guests"));
    }

    [Fact]
    public async Task A_record_the_new_person_holds_and_the_leaver_does_not_is_AlreadyMoved_with_nothing_sent()
    {
        var move = new RecordMove(MovedRecord.Group, Group, null, null, "Finance team");
        move.Moves.Add(Move(TallyfyAssignmentKind.GroupMember, Group));
        string list = "{\"data\":[{\"id\":\"" + Group + "\",\"name\":\"Finance team\",\"members\":[1001],\"guests\":[]}],\"meta\":{\"pagination\":{\"total\":1,\"count\":1,\"per_page\":100,\"current_page\":1,\"total_pages\":1}}}";
        var (_, _, h) = await Run(move, list, "{}");
        Assert.Single(h.Requests);
        Assert.Equal(TallyfyAssignmentMoveStatus.AlreadyMoved, move.Moves[0].Settled);
    }

    [Fact]
    public async Task A_completed_task_is_refused_and_nothing_is_sent()
    {
        const string task = "99990000111122223333444455556666";
        var move = new RecordMove(MovedRecord.Task, task, null, RunId, "Sign");
        move.Moves.Add(Move(TallyfyAssignmentKind.RunTask, task));
        string json = $"{{\"id\":\"{task}\",\"title\":\"Sign\",\"run_id\":\"{RunId}\",\"status\":\"completed\",\"completed_at\":\"2026-01-02T03:04:05.000Z\",\"owners\":{{\"users\":[1002],\"guests\":[],\"groups\":[]}}}}";
        var (_, _, h) = await Run(move, Item(json), "{}");
        Assert.Single(h.Requests);
        Assert.Equal(TallyfyAssignmentMoveStatus.Refused, move.Moves[0].Settled);
    }
}
