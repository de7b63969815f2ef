using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>Reading answers: HTML, broken or nested JSON, size caps, missing or mistyped data, paging meta.</summary>
public sealed class ResponseReadingTests : ScriptedClientTest
{
    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    public async Task Html_body_is_an_invalid_response(int status)
    {
        var h = new ScriptedHandler().Respond(status, "<!DOCTYPE html><html><body>Login</body></html>", "text/html");
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains("HTML", ex.Message);
        Assert.Single(h.Requests);
    }

    [Theory]
    [InlineData("{\"data\":{\"id\":\"0123")]
    [InlineData("{\"data\":")]
    [InlineData("not json at all")]
    [InlineData("{'data':{}}")]
    [InlineData("{\"data\":{}} trailing")]
    [InlineData("\uFEFF\uFEFF{}")]
    public async Task Invalid_or_truncated_json_is_an_invalid_response(string body)
    {
        var h = new ScriptedHandler().Respond(200, body);
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Equal(200, ex.StatusCode);
    }

    [Fact]
    public async Task Deeply_nested_json_is_an_invalid_response()
    {
        string body = new string('[', 5000) + new string(']', 5000);
        var h = new ScriptedHandler().Respond(200, body);
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task Body_larger_than_MaxResponseBytes_with_content_length_is_refused()
    {
        string big = "{\"data\":{\"id\":\"0123456789abcdef0123456789abcdef\",\"name\":\"" + new string('x', 5000) + "\"}}";
        var h = new ScriptedHandler().Respond(200, big);
        using var c = Scripted.Client(h, o => o.MaxResponseBytes = 1024);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Single(h.Requests);
    }

    [Fact]
    public async Task Body_larger_than_MaxResponseBytes_without_content_length_is_refused()
    {
        byte[] big = Encoding.UTF8.GetBytes("{\"data\":{\"name\":\"" + new string('x', 300_000) + "\"}}");
        var h = new ScriptedHandler().Then((req, ct) =>
        {
            var content = new StreamContent(new UnknownLengthStream(big));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            Assert.Null(content.Headers.ContentLength);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        });
        using var c = Scripted.Client(h, o => o.MaxResponseBytes = 100_000);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task Body_just_under_MaxResponseBytes_is_accepted()
    {
        var h = new ScriptedHandler().Respond(200, Ok);
        using var c = Scripted.Client(h, o => o.MaxResponseBytes = Encoding.UTF8.GetByteCount(Ok));
        using var r = await Get(c);
        Assert.Equal("x", r.Data().GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \r\n")]
    public async Task Empty_200_gives_no_body_and_Data_throws_invalid_response(string? body)
    {
        var h = new ScriptedHandler().Respond(200, body);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        Assert.True(r.IsSuccess);
        Assert.Null(r.Body);
        var ex = Assert.Throws<TallyfyApiException>(() => r.Data());
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
    }

    [Theory]
    [InlineData("{\"data\":null}", "null")]
    [InlineData("{}", "no 'data'")]
    [InlineData("{\"meta\":{}}", "no 'data'")]
    [InlineData("{\"data\":[]}", "not an object")]
    [InlineData("{\"data\":\"x\"}", "not an object")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("42", "not a JSON object")]
    public async Task Data_null_missing_or_wrong_is_an_invalid_response(string body, string said)
    {
        var h = new ScriptedHandler().Respond(200, body);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        var ex = Assert.Throws<TallyfyApiException>(() => r.Data());
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains(said, ex.Message);
    }

    [Theory]
    [InlineData("\"id\":12345", "id")]
    [InlineData("\"id\":\"\"", "id")]
    [InlineData("\"id\":null", "id")]
    [InlineData("\"archived_at\":12345", "archived_at")]
    [InlineData("\"archived_at\":\"yesterday-ish\"", "archived_at")]
    [InlineData("\"name\":{\"first\":\"x\"}", "name")]
    [InlineData("\"name\":[1]", "name")]
    [InlineData("\"owner_id\":\"abc\"", "owner_id")]
    [InlineData("\"starred\":\"maybe\"", "starred")]
    [InlineData("\"tasks\":{\"data\":[1]}", "tasks[]")]
    [InlineData("\"tags\":\"x\"", "tags")]
    [InlineData("\"progress\":{\"complete\":\"x\"}", "complete")]
    [InlineData("\"late_tasks\":99999999999", "late_tasks")]
    public async Task Wrong_types_are_invalid_responses_naming_the_field(string field, string name)
    {
        string body = "{\"data\":{\"id\":\"0123456789abcdef0123456789abcdef\",\"name\":\"n\"," + field + "}}";
        var h = new ScriptedHandler().Respond(200, body);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        var ex = Assert.Throws<TallyfyApiException>(() => Mapper.Run(r.Data(), Scripted.Org));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains("'" + name + "'", ex.Message);
    }

    [Fact]
    public async Task A_real_run_maps()
    {
        var h = new ScriptedHandler().Respond(200, Scripted.RunJson);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        var run = Mapper.Run(r.Data(), Scripted.Org);
        Assert.Equal(Scripted.RunId, run.Id);
        Assert.Equal("Quarterly audit", run.Name);
        Assert.Null(run.ArchivedAt);
        Assert.Equal(75, run.Progress!.Percent);
        Assert.Single(run.Tasks);
        Assert.Single(run.Comments);
        Assert.Single(run.FormFields);
        Assert.Equal(new DateTimeOffset(2026, 5, 15, 14, 30, 0, TimeSpan.Zero), run.CreatedAt!.Value);
    }

    [Fact]
    public async Task Page_links_variants_and_counts()
    {
        var h = new ScriptedHandler()
            .Respond(200, "{\"data\":[" + Item(1) + "],\"meta\":{\"pagination\":{\"total\":3,\"count\":1,\"per_page\":1,\"current_page\":1,\"total_pages\":3,\"links\":{\"next\":\"x\"}}}}")
            .Respond(200, "{\"data\":[" + Item(3) + "],\"meta\":{\"pagination\":{\"total\":3,\"per_page\":1,\"current_page\":3,\"total_pages\":3,\"links\":[]}}}")
            .Respond(200, "{\"data\":[" + Item(3) + "],\"meta\":{\"pagination\":{\"total\":3,\"per_page\":1,\"current_page\":2,\"links\":{}}}}")
            .Respond(200, "{\"data\":{}}")
            .Respond(200, "{\"data\":[1]}");
        using var c = Scripted.Client(h);
        var p1 = await c.GetPageAsync(new ApiRequest(HttpMethod.Get, "runs"), 1, 1, e => TallyfyPS.Client.Json.RequiredId(e, "id"), new CallContext().NewCounter());
        Assert.True(p1.HasMore);
        Assert.Contains("page=1", h.Requests[0].Uri.Query);
        Assert.Contains("per_page=1", h.Requests[0].Uri.Query);
        var p3 = await c.GetPageAsync(new ApiRequest(HttpMethod.Get, "runs"), 3, 1, e => TallyfyPS.Client.Json.RequiredId(e, "id"), new CallContext().NewCounter());
        Assert.False(p3.HasMore);
        var p2 = await c.GetPageAsync(new ApiRequest(HttpMethod.Get, "runs"), 2, 1, e => TallyfyPS.Client.Json.RequiredId(e, "id"), new CallContext().NewCounter());
        Assert.False(p2.HasMore);
        var bad1 = await Assert.ThrowsAsync<TallyfyApiException>(() => c.GetPageAsync(new ApiRequest(HttpMethod.Get, "runs"), 1, 1, e => TallyfyPS.Client.Json.RequiredId(e, "id"), new CallContext().NewCounter()));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, bad1.Kind);
        var bad2 = await Assert.ThrowsAsync<TallyfyApiException>(() => c.GetPageAsync(new ApiRequest(HttpMethod.Get, "runs"), 1, 1, e => TallyfyPS.Client.Json.RequiredId(e, "id"), new CallContext().NewCounter()));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, bad2.Kind);

        static string Item(int i) => "{\"id\":\"" + i.ToString("x32") + "\"}";
    }

    /// <summary>A readable stream that does not report its length (a chunked answer).</summary>
    private sealed class UnknownLengthStream : Stream
    {
        private readonly MemoryStream _inner;

        public UnknownLengthStream(byte[] data) => _inner = new MemoryStream(data);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 4096));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
