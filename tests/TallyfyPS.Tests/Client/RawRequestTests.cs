using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>Raw requests (Invoke-TallyfyApi) through the client: paths, same-host URLs, bodies, data, headers, redaction.</summary>
public sealed class RawRequestTests
{
    private const string Base = "https://go.tallyfy.example/api/";
    private const string Org = Scripted.Org;

    private static TallyfyApi Api(ScriptedHandler h) => new TallyfyApi(Scripted.Client(h));

    [Theory]
    [InlineData("runs", "organizations/" + Org + "/runs")]
    [InlineData("/runs/abc/tasks", "organizations/" + Org + "/runs/abc/tasks")]
    [InlineData("me", "me")]
    [InlineData("me/organizations", "me/organizations")]
    [InlineData("organizations/" + Org + "/tags", "organizations/" + Org + "/tags")]
    [InlineData("oauth/token", "oauth/token")]
    [InlineData("metrics", "organizations/" + Org + "/metrics")]
    [InlineData("organizations/{org}/runs", "organizations/" + Org + "/runs")]
    [InlineData(Base + "organizations/" + Org + "/runs", "organizations/" + Org + "/runs")]
    public void Resolves_a_path_under_the_organization_unless_it_is_not_the_organizations(string typed, string path)
    {
        using var api = Api(new ScriptedHandler());
        RawCall call = api.Raw(Org, "get", typed, null, null, false);
        Assert.Equal(path, call.Path);
        Assert.Null(call.Address);
        Assert.True(call.IsRead);
    }

    [Theory]
    [InlineData("https://evil.example/api/me")]
    [InlineData("http://go.tallyfy.example/api/me")]
    [InlineData("https://go.tallyfy.example:8443/api/me")]
    public void Refuses_another_host_scheme_or_port(string url)
    {
        using var api = Api(new ScriptedHandler());
        var ex = Assert.Throws<RawPathException>(() => api.Raw(Org, "GET", url, null, null, false));
        Assert.True(ex.ForeignHost);
    }

    [Fact]
    public void Sends_to_the_same_host_outside_the_API_root_with_both_queries()
    {
        using var api = Api(new ScriptedHandler());
        RawCall call = api.Raw(Org, "GET", "https://go.tallyfy.example/oauth/authorize?a=1",
            new[] { new KeyValuePair<string, string>("b", "x y") }, null, false);
        Assert.Equal("oauth/authorize", call.Path);
        Assert.Equal("https://go.tallyfy.example/oauth/authorize?a=1&b=x%20y", call.Address!.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://jane:hunter2@evil.example/api/me?q=x")]
    [InlineData("https://evil.example/api/me?access_token=hunter2")]
    public void Names_a_refused_host_without_its_user_info_or_query(string url)
    {
        using var api = Api(new ScriptedHandler());
        var ex = Assert.Throws<RawPathException>(() => api.Raw(Org, "GET", url, null, null, false));
        Assert.True(ex.ForeignHost);
        Assert.Equal("https://evil.example/api/me", ex.Value);
        Assert.DoesNotContain("hunter2", ex.Message);
    }

    [Fact]
    public void Refuses_a_bad_method_a_body_that_is_not_JSON_and_a_body_on_a_GET()
    {
        using var api = Api(new ScriptedHandler());
        Assert.False(Assert.Throws<RawPathException>(() => api.Raw(Org, "TRACE", "runs", null, null, false)).ForeignHost);
        Assert.True(Assert.Throws<RawPathException>(() => api.Raw(Org, "POST", "runs", null, "{\"a\":", false)).Body);
        Assert.True(Assert.Throws<RawPathException>(() => api.Raw(Org, "GET", "runs", null, "{}", false)).Body);
    }

    [Fact]
    public async Task A_key_in_both_the_path_and_the_query_is_sent_once_with_the_query_value()
    {
        var h = new ScriptedHandler().Then((req, ct) => Task.FromResult(ScriptedHandler.Make(System.Net.HttpStatusCode.OK, "{\"data\":[]}")));
        using var api = Api(h);
        RawCall call = api.Raw(Org, "GET", "runs?status=active&q=x", new[] { new KeyValuePair<string, string>("status", "complete") }, null, false);
        await api.SendRawAsync(call, o => o, new CallContext());
        Assert.Equal("q=x&status=complete", Assert.Single(h.Requests).Uri.Query.TrimStart('?'));
    }

    [Fact]
    public async Task Keeps_the_query_of_the_path_then_the_given_one_and_sends_JSON_text_as_it_is()
    {
        string? sent = null;
        var h = new ScriptedHandler().Then(async (req, ct) =>
        {
            sent = await req.Content!.ReadAsStringAsync(ct);
            return ScriptedHandler.Make(System.Net.HttpStatusCode.Created, "{\"data\":{\"id\":\"x\",\"n\":2,\"ok\":true,\"tags\":[\"a\"],\"owner\":{\"id\":7}}}");
        });
        using var api = Api(h);
        RawCall call = api.Raw(Org, "POST", "runs?x=1", new[] { new KeyValuePair<string, string>("y", "a b") }, "{\"name\":\"n\"}", false);
        IReadOnlyList<object?> items = await api.SendRawAsync(call, o => o, new CallContext());
        var req = Assert.Single(h.Requests);
        Assert.Equal(Base + "organizations/" + Org + "/runs?x=1&y=a%20b", req.Uri.AbsoluteUri);
        Assert.Equal("{\"name\":\"n\"}", sent);
        Assert.StartsWith("application/json", req.Headers["Content-Type"]);
        var fields = Assert.IsType<RawFields>(Assert.Single(items));
        Assert.Equal(new object?[] { "x", 2L, true }, fields.Take(3).Select(f => f.Value).ToArray());
        Assert.Equal(new object?[] { "a" }, (object?[])fields[3].Value!);
        Assert.Equal(7L, Assert.IsType<RawFields>(fields[4].Value).Single().Value);
    }

    [Fact]
    public async Task Writes_a_lists_items_one_by_one_a_body_without_data_whole_and_an_empty_answer_as_nothing()
    {
        var h = new ScriptedHandler().Respond(200, "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}]}").Respond(200, "{\"message\":\"deleted\"}").Respond(204);
        using var api = Api(h);
        Assert.Equal(2, (await api.SendRawAsync(api.Raw(Org, "GET", "runs", null, null, false), o => o, new CallContext())).Count);
        var whole = Assert.IsType<RawFields>(Assert.Single(await api.SendRawAsync(api.Raw(Org, "DELETE", "checklists/x", null, null, false), o => o, new CallContext())));
        Assert.Equal("message", whole.Single().Key);
        Assert.Empty(await api.SendRawAsync(api.Raw(Org, "DELETE", "tasks/x", null, null, false), o => o, new CallContext()));
    }

    [Fact]
    public async Task An_error_answer_carries_the_message_code_and_field_errors()
    {
        var h = new ScriptedHandler().Respond(422, "{\"message\":\"The given data was invalid.\",\"code\":\"VALIDATION\",\"errors\":{\"checklist_id\":[\"The checklist id field is required.\"]}}");
        using var api = Api(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => api.SendRawAsync(api.Raw(Org, "POST", "runs", null, "{}", false), o => o, new CallContext()));
        Assert.Equal(TallyfyErrorKind.Invalid, ex.Kind);
        Assert.Equal("VALIDATION", ex.ErrorCode);
        Assert.Contains("checklist_id: The checklist id field is required.", ex.Message);
        Assert.Equal(new[] { "The checklist id field is required." }, ex.FieldErrors!["checklist_id"]);
    }

    [Fact]
    public async Task Raw_gives_status_headers_and_body_text_whatever_the_status()
    {
        var h = new ScriptedHandler().Respond(404, "{\"error\":true,\"code\":\"RESOURCE_NOT_FOUND\"}", configure: r => r.Headers.Add("X-Request-Id", "req-1"));
        using var api = Api(h);
        var answer = await api.SendVerbatimAsync(api.Raw(Org, "GET", "runs/x", null, null, false), new CallContext());
        Assert.Equal(404, answer.StatusCode);
        Assert.Equal("req-1", answer.Headers["x-request-id"]);
        Assert.StartsWith("application/json", answer.Headers["Content-Type"]);
        Assert.Equal("{\"error\":true,\"code\":\"RESOURCE_NOT_FOUND\"}", answer.Body);
    }

    [Fact]
    public async Task A_change_whose_connection_dropped_is_sent_once_unless_idempotent()
    {
        var h = new ScriptedHandler().Throw(new HttpRequestException("reset"));
        using var api = Api(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => api.SendRawAsync(api.Raw(Org, "POST", "tags", null, "{}", false), o => o, new CallContext()));
        Assert.Equal(TallyfyErrorKind.Transport, ex.Kind);
        Assert.Single(h.Requests);

        var again = new ScriptedHandler().Throw(new HttpRequestException("reset")).Respond(200, "{\"data\":{\"id\":\"t\"}}");
        using var api2 = Api(again);
        Assert.Single(await api2.SendRawAsync(api2.Raw(Org, "PUT", "tags/t", null, "{}", true), o => o, new CallContext()));
        Assert.Equal(2, again.Requests.Count);
    }

    [Fact]
    public async Task All_follows_every_page_with_the_query_but_its_page()
    {
        var h = new ScriptedHandler()
            .Respond(200, "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"meta\":{\"pagination\":{\"total\":3,\"count\":2,\"per_page\":2,\"current_page\":1,\"total_pages\":2}}}")
            .Respond(200, "{\"data\":[{\"id\":\"c\"}],\"meta\":{\"pagination\":{\"total\":3,\"count\":1,\"per_page\":2,\"current_page\":2,\"total_pages\":2}}}");
        using var api = Api(h);
        var walker = api.RawPages(api.Raw(Org, "GET", "runs?page=7&per_page=2&status=active", null, null, false), o => o, o => (string)((RawFields)o!)[0].Value!);
        var all = await walker.AllAsync(new CallContext());
        Assert.Equal(3, all.Count);
        Assert.Equal(new[] { "status=active&page=1&per_page=2", "status=active&page=2&per_page=2" }, h.Requests.Select(r => r.Uri.Query.TrimStart('?')).ToArray());
    }

    [Theory]
    [InlineData("/api/runs?per_page=1&access_token=abc&q=x", "/api/runs?per_page=1&access_token=***&q=x")]
    [InlineData("/api/oauth/token?client_secret=s&Password=p&code=c", "/api/oauth/token?client_secret=***&Password=***&code=***")]
    [InlineData("/api/runs", "/api/runs")]
    public void Masks_secret_query_values_in_trace_lines(string pathAndQuery, string shown)
    {
        Assert.Equal(shown, Redaction.PathAndQuery(new Uri("https://go.tallyfy.example" + pathAndQuery)));
    }
}
