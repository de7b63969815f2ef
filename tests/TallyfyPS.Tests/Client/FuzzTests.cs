using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;
using Xunit;
using Xunit.Abstractions;

namespace TallyfyPS.Tests.Client;

public sealed class FuzzTests
{
    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static string? Oracle(string? value)
    {
        if (value is null)
        {
            return null;
        }

        string t = value.Trim();
        if (t.Length != 32)
        {
            return null;
        }

        foreach (char c in t)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            {
                return null;
            }
        }

        return t.ToLowerInvariant();
    }

    private static string Hex(Random rnd, int n, bool upper = false)
    {
        const string lower = "0123456789abcdef";
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++)
        {
            char c = lower[rnd.Next(16)];
            sb.Append(upper && rnd.Next(2) == 0 ? char.ToUpperInvariant(c) : c);
        }

        return sb.ToString();
    }

    private static IEnumerable<string?> IdCases(Random rnd)
    {
        string[] junk =
        {
            "../", "..%2F", "%2F", "/", "\\", "?x=", "?x=1&y=2", "#", "#frag", "%00", "\0", " ", "\t", "\n", "\r\n", "\u00A0", "\u2003",
            "\u200B", "\uFEFF", "é", "Ａ", "０", "ß", "İ", "ı", "😀", "%", "&", ";", "'", "\"", "<", ">", "{", "}", "g", "G", "z", "-", "_", ".", ":", "@",
        };
        string[] spaces = { "", " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2003", "\u3000" };
        yield return null;
        yield return string.Empty;
        yield return new string('a', 10_000);
        yield return new string('f', 33);
        yield return new string('0', 31);
        yield return "0x" + Hex(rnd, 30);
        yield return "{" + Hex(rnd, 30) + "}";
        yield return Guid.NewGuid().ToString();
        yield return Guid.NewGuid().ToString("B");
        yield return "../../../../etc/passwd" + Hex(rnd, 10);
        for (int i = 0; i < 300; i++)
        {
            // valid ones, mixed case, surrounded by whitespace: must pass
            yield return spaces[rnd.Next(spaces.Length)] + Hex(rnd, 32, upper: true) + spaces[rnd.Next(spaces.Length)];
        }

        for (int i = 0; i < 200; i++)
        {
            int len = rnd.Next(0, 70);
            if (len == 32)
            {
                len = 31 + (rnd.Next(2) * 2);
            }

            yield return Hex(rnd, len, upper: rnd.Next(2) == 0);
        }

        for (int i = 0; i < 500; i++)
        {
            // 32 hex with something inserted or replaced
            string h = Hex(rnd, 32, upper: rnd.Next(2) == 0);
            string j = junk[rnd.Next(junk.Length)];
            int at = rnd.Next(h.Length + 1);
            switch (rnd.Next(4))
            {
                case 0:
                    yield return h.Insert(at, j);
                    break;
                case 1:
                    yield return h.Remove(Math.Min(at, 31), 1).Insert(Math.Min(at, 31), j);
                    break;
                case 2:
                    yield return j + h.Substring(j.Length % 32);
                    break;
                default:
                    yield return h.Substring(0, 16) + " " + h.Substring(16);
                    break;
            }
        }

        for (int i = 0; i < 200; i++)
        {
            // random unicode of random length, sometimes 32 chars
            int len = rnd.Next(3) == 0 ? 32 : rnd.Next(0, 100);
            var sb = new StringBuilder();
            for (int k = 0; k < len; k++)
            {
                sb.Append((char)rnd.Next(1, 0xD7FF));
            }

            yield return sb.ToString();
        }

        for (int i = 0; i < 100; i++)
        {
            yield return Hex(rnd, 32) + junk[rnd.Next(junk.Length)] + new string('a', rnd.Next(0, 10_000));
        }
    }

    [Fact]
    public void Ids_Normalize_accepts_exactly_32_hex_after_trim()
    {
        var rnd = new Random(20260515);
        int accepted = 0, refused = 0;
        foreach (string? input in IdCases(rnd))
        {
            string? expected = Oracle(input);
            string? actual = Ids.Normalize(input);
            Assert.True(expected == actual, $"Ids.Normalize({Ids.Display(input)}) = {actual ?? "null"}, expected {expected ?? "null"}");
            if (actual is null)
            {
                refused++;
            }
            else
            {
                accepted++;
                Assert.Equal(32, actual.Length);
                Assert.Equal(actual, actual.ToLowerInvariant());
                Assert.Equal(actual, TallyfyClient.Segment(actual));
            }

            if (input != null)
            {
                // Whatever slipped through, a path segment never carries a separator.
                string seg = TallyfyClient.Segment(input);
                Assert.DoesNotContain('/', seg);
                Assert.DoesNotContain('?', seg);
                Assert.DoesNotContain('#', seg);
                string shown = Ids.Display(input);
                Assert.True(shown.Length < 100);
                Assert.DoesNotContain(shown, char.IsControl);
            }
        }

        _output.WriteLine($"Ids fuzz: {accepted + refused} inputs, {accepted} accepted, {refused} refused");
        Assert.True(refused >= 1000, $"only {refused} malformed ids generated");
        Assert.True(accepted >= 300);
    }

    private static IEnumerable<(string Kind, byte[] Body)> Bodies(Random rnd, bool asciiMutations)
    {
        byte[] real = Encoding.UTF8.GetBytes(Scripted.RunJson);
        for (int i = 0; i < 300; i++)
        {
            yield return ("truncation", real.Take(rnd.Next(real.Length)).ToArray());
        }

        for (int i = 0; i < 300; i++)
        {
            byte[] b = (byte[])real.Clone();
            int edits = rnd.Next(1, 4);
            var list = b.ToList();
            for (int e = 0; e < edits; e++)
            {
                int at = rnd.Next(list.Count);
                switch (rnd.Next(3))
                {
                    case 0:
                        list[at] = (byte)rnd.Next(asciiMutations ? 128 : 256);
                        break;
                    case 1:
                        list.RemoveAt(at);
                        break;
                    default:
                        list.Insert(at, (byte)"{}[]\",:0-etn \\"[rnd.Next(14)]);
                        break;
                }
            }

            yield return ("byte mutation", list.ToArray());
        }

        var paths = new List<string[]>();
        CollectPaths(JsonNode.Parse(Scripted.RunJson)!, new List<string>(), paths);
        for (int i = 0; i < 400; i++)
        {
            JsonNode root = JsonNode.Parse(Scripted.RunJson)!;
            int changes = rnd.Next(1, 3);
            for (int c = 0; c < changes; c++)
            {
                string[] path = paths[rnd.Next(paths.Count)];
                Replace(root, path, RandomValue(rnd, 2));
            }

            yield return ("type mutation", Encoding.UTF8.GetBytes(root.ToJsonString()));
        }

        for (int i = 0; i < 150; i++)
        {
            JsonNode? v = RandomValue(rnd, 4);
            string text = v is null ? "null" : v.ToJsonString();
            yield return ("random json", Encoding.UTF8.GetBytes(rnd.Next(2) == 0 ? "{\"data\":" + text + "}" : text));
        }

        for (int i = 0; i < 100; i++)
        {
            byte[] b = new byte[rnd.Next(0, 300)];
            rnd.NextBytes(b);
            yield return ("random bytes", b);
        }
    }

    private static void CollectPaths(JsonNode node, List<string> prefix, List<string[]> into)
    {
        if (node is JsonObject o)
        {
            foreach (var kv in o)
            {
                var p = new List<string>(prefix) { kv.Key };
                into.Add(p.ToArray());
                if (kv.Value != null)
                {
                    CollectPaths(kv.Value, p, into);
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (int i = 0; i < a.Count; i++)
            {
                var p = new List<string>(prefix) { "#" + i };
                into.Add(p.ToArray());
                if (a[i] != null)
                {
                    CollectPaths(a[i]!, p, into);
                }
            }
        }
    }

    private static void Replace(JsonNode root, string[] path, JsonNode? value)
    {
        JsonNode? parent = root;
        for (int i = 0; i < path.Length - 1 && parent != null; i++)
        {
            parent = path[i].StartsWith('#') ? (parent is JsonArray a && int.Parse(path[i].Substring(1)) < a.Count ? a[int.Parse(path[i].Substring(1))] : null)
                : (parent is JsonObject o && o.ContainsKey(path[i]) ? o[path[i]] : null);
        }

        string last = path[^1];
        if (parent is JsonObject po && !last.StartsWith('#'))
        {
            if (value is null && path.Length > 0 && last.Length % 3 == 0)
            {
                po.Remove(last);
            }
            else
            {
                po[last] = value;
            }
        }
        else if (parent is JsonArray pa && last.StartsWith('#') && int.Parse(last.Substring(1)) < pa.Count)
        {
            pa[int.Parse(last.Substring(1))] = value;
        }
    }

    private static JsonNode? RandomValue(Random rnd, int depth)
    {
        switch (rnd.Next(depth > 0 ? 11 : 8))
        {
            case 0: return null;
            case 1: return JsonValue.Create(rnd.Next(2) == 0);
            case 2: return JsonValue.Create(rnd.Next(-1000, 100000));
            case 3: return JsonValue.Create(rnd.NextDouble() * 1e20 * (rnd.Next(2) == 0 ? -1 : 1));
            case 4: return JsonValue.Create(new[] { "", "x", "2026-05-15T14:30:00Z", "not a date", "1", "0", "true", "0123456789abcdef0123456789abcdef", "\u0000", "9999999999999999999999" }[rnd.Next(10)]);
            case 5: return JsonValue.Create(long.MaxValue);
            case 6: return JsonValue.Create(new string('x', rnd.Next(0, 2000)));
            case 7: return JsonValue.Create(-0.0);
            case 8:
            {
                var a = new JsonArray();
                for (int i = rnd.Next(4); i > 0; i--)
                {
                    a.Add(RandomValue(rnd, depth - 1));
                }

                return a;
            }

            case 9:
            {
                var o = new JsonObject();
                foreach (string k in new[] { "data", "id", "name", "archived_at", "progress", "tasks", "x" }.OrderBy(_ => rnd.Next()).Take(rnd.Next(4)))
                {
                    o[k] = RandomValue(rnd, depth - 1);
                }

                return o;
            }

            default:
                return new JsonObject { ["data"] = RandomValue(rnd, depth - 1) };
        }
    }

    [Fact]
    public async Task Malformed_run_answers_either_map_or_throw_TallyfyApiException()
    {
        var rnd = new Random(4242);
        var cases = Bodies(rnd, asciiMutations: true).ToList();
        var queue = new Queue<(string Kind, byte[] Body)>(cases);
        var handler = new ScriptedHandler();
        string[] mediaTypes = { "application/json", "application/json", "application/json", "text/plain", null!, "text/html" };
        int mediaIndex = 0;
        handler.Fallback = _ =>
        {
            var (_, body) = queue.Peek();
            var content = new ByteArrayContent(body);
            string? mt = mediaTypes[mediaIndex++ % mediaTypes.Length];
            if (mt != null)
            {
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mt);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        };
        using var client = Scripted.Client(handler, o => o.MaxRetries = 0);
        int mapped = 0, refused = 0;
        var other = new List<string>();
        var byKind = new Dictionary<string, (int Mapped, int Refused)>();
        foreach (var (kind, body) in cases)
        {
            bool ok;
            try
            {
                using ApiResponse r = await client.SendAsync(new ApiRequest(HttpMethod.Get, Scripted.RunPath()), new CallContext().NewCounter());
                var run = Mapper.Run(r.Data(), Scripted.Org);
                Assert.False(string.IsNullOrWhiteSpace(run.Id));
                _ = run.ToString();
                ok = true;
            }
            catch (TallyfyApiException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                ok = false;
            }
            catch (Exception ex)
            {
                other.Add($"{kind}: {ex.GetType().Name}: {ex.Message}\n    body: {Encoding.UTF8.GetString(body.Take(300).ToArray())}");
                queue.Dequeue();
                continue;
            }

            queue.Dequeue();
            if (ok)
            {
                mapped++;
            }
            else
            {
                refused++;
            }

            byKind.TryGetValue(kind, out var t);
            byKind[kind] = ok ? (t.Mapped + 1, t.Refused) : (t.Mapped, t.Refused + 1);
        }

        _output.WriteLine($"Response fuzz: {cases.Count} bodies, {mapped} mapped, {refused} refused with TallyfyApiException");
        foreach (var kv in byKind)
        {
            _output.WriteLine($"  {kv.Key}: {kv.Value.Mapped} mapped, {kv.Value.Refused} refused");
        }

        _output.WriteLine($"  other exception types: {other.Count}");
        Assert.True(other.Count == 0, $"{other.Count} bodies threw something other than TallyfyApiException:\n" + string.Join("\n", other.Take(10)));
        Assert.True(cases.Count >= 1000);
        Assert.True(mapped > 0 && refused > 0);
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_json_string_is_an_invalid_response()
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"data\":{\"id\":\"0123456789abcdef0123456789abcdef\",\"name\":\"Quarterly X\"}}");
        int at = Array.IndexOf(body, (byte)'X');
        body[at] = 0xFF;
        var h = new ScriptedHandler().RespondBytes(200, body);
        using var c = Scripted.Client(h);
        var ex = await Record.ExceptionAsync(async () =>
        {
            using ApiResponse r = await c.SendAsync(new ApiRequest(HttpMethod.Get, Scripted.RunPath()), new CallContext().NewCounter());
            Mapper.Run(r.Data(), Scripted.Org);
        });
        var api = Assert.IsType<TallyfyApiException>(ex);
        Assert.Equal(TallyfyErrorKind.InvalidResponse, api.Kind);
    }
}
