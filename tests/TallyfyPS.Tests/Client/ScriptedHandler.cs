using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Tests.Client;

/// <summary>What the scripted handler saw for one request.</summary>
public sealed class RecordedRequest
{
    public RecordedRequest(HttpRequestMessage request)
    {
        Method = request.Method;
        Uri = request.RequestUri!;
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in request.Headers)
        {
            Headers[h.Key] = string.Join(",", h.Value);
        }

        if (request.Content != null)
        {
            foreach (var h in request.Content.Headers)
            {
                Headers[h.Key] = string.Join(",", h.Value);
            }
        }
    }

    public HttpMethod Method { get; }
    public Uri Uri { get; }
    public Dictionary<string, string> Headers { get; }
}

/// <summary>An HttpMessageHandler that answers from a queue of responses/exceptions and records every request.</summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly List<RecordedRequest> _requests = new();
    private readonly object _lock = new();

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>What to answer when the queue is empty (default: throw, which fails the test).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage>? Fallback { get; set; }

    public ScriptedHandler Respond(HttpStatusCode status, string? body = null, string mediaType = "application/json",
        Action<HttpResponseMessage>? configure = null)
    {
        _script.Enqueue((req, ct) =>
        {
            var r = Make(status, body, mediaType);
            configure?.Invoke(r);
            return Task.FromResult(r);
        });
        return this;
    }

    public ScriptedHandler Respond(int status, string? body = null, string mediaType = "application/json",
        Action<HttpResponseMessage>? configure = null) => Respond((HttpStatusCode)status, body, mediaType, configure);

    public ScriptedHandler RespondBytes(int status, byte[] body, string? mediaType = "application/json")
    {
        _script.Enqueue((req, ct) =>
        {
            var content = new ByteArrayContent(body);
            if (mediaType != null)
            {
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
            }

            return Task.FromResult(new HttpResponseMessage((HttpStatusCode)status) { Content = content });
        });
        return this;
    }

    public ScriptedHandler Throw(Exception ex)
    {
        _script.Enqueue((req, ct) => Task.FromException<HttpResponseMessage>(ex));
        return this;
    }

    public ScriptedHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _script.Enqueue(answer);
        return this;
    }

    public int Remaining => _script.Count;

    public static HttpResponseMessage Make(HttpStatusCode status, string? body, string mediaType = "application/json")
    {
        var r = new HttpResponseMessage(status);
        if (body != null)
        {
            r.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }
        else
        {
            r.Content = new ByteArrayContent(Array.Empty<byte>());
        }

        return r;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _requests.Add(new RecordedRequest(request));
        }

        if (_script.TryDequeue(out var next))
        {
            return next(request, cancellationToken);
        }

        if (Fallback != null)
        {
            return Task.FromResult(Fallback(request));
        }

        throw new InvalidOperationException($"ScriptedHandler: no answer scripted for {request.Method} {request.RequestUri}");
    }
}

/// <summary>Builds clients over a scripted handler.</summary>
public static class Scripted
{
    public const string Token = "tly-secret-token-0123456789";
    public const string Org = "5f1e4c2a9b8d4e7f8a6b3c2d1e0f9a8b";
    public const string RunId = "0123456789abcdef0123456789abcdef";

    internal static TallyfyClient Client(ScriptedHandler handler, Action<TallyfyClientOptions>? configure = null,
        string baseUri = "https://go.tallyfy.example/api", ITokenProvider? token = null)
    {
        var options = new TallyfyClientOptions(new Uri(baseUri), token ?? new StaticTokenProvider(Token, "test"))
        {
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        };
        configure?.Invoke(options);
        return new TallyfyClient(options, handler);
    }

    public static string RunPath(string id = RunId) => $"organizations/{Org}/runs/{id}";

    public const string RunJson = "{\"data\":{\"id\":\"0123456789abcdef0123456789abcdef\",\"increment_id\":17,\"checklist_id\":\"aaaabbbbccccddddeeeeffff00001111\"," +
        "\"checklist_title\":\"Onboarding\",\"name\":\"Quarterly audit\",\"summary\":\"s\",\"status\":\"active\"," +
        "\"progress\":{\"complete\":3,\"total\":4,\"percent\":75},\"started_by\":1001,\"owner_id\":1001," +
        "\"prerun\":{\"k\":\"v\",\"n\":3},\"starred\":false,\"is_public\":false,\"type\":\"procedure\",\"parent_id\":null," +
        "\"created_at\":\"2026-05-15T14:30:00.000Z\",\"started_at\":\"2026-05-15T14:30:00.000Z\",\"last_updated\":\"2026-05-15T14:30:00.000Z\"," +
        "\"completed_at\":null,\"archived_at\":null,\"due_date\":\"2026-06-01T00:00:00.000Z\",\"due_date_passed\":false,\"late_tasks\":0," +
        "\"users\":[1001],\"groups\":[]," +
        "\"tags\":{\"data\":[{\"id\":\"t1\",\"title\":\"Finance\",\"color\":\"#fff\"}]}," +
        "\"tasks\":{\"data\":[{\"id\":\"99990000111122223333444455556666\",\"title\":\"Step 1\",\"run_id\":\"0123456789abcdef0123456789abcdef\"," +
        "\"status\":\"active\",\"position\":1,\"owners\":{\"users\":[1001],\"guests\":[],\"groups\":[]},\"deadline\":\"2026-05-20T00:00:00Z\"," +
        "\"threads\":{\"data\":[{\"id\":\"77778888999900001111222233334444\",\"content\":\"hi\",\"author_id\":1001,\"created_at\":\"2026-05-15T14:30:00.000Z\"}]}," +
        "\"form_fields\":{\"data\":[{\"id\":\"55556666777788889999aaaabbbbcccc\",\"label\":\"L\",\"field_type\":\"text\",\"required\":true,\"field_value\":\"x\"}]}}]}}}";
}
