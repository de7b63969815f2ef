namespace TallyfyPS.Tests.Support;

/// <summary>A request as the sandbox logged it (<c>GET /_sandbox/requests</c>).</summary>
public sealed record Logged(long Seq, string Method, string Path, string Query, int Status, int? UserId, string? Fault)
{
    public override string ToString() => $"{Method} {Path}{(Query.Length > 0 ? "?" + Query : "")} -> {Status}{(Fault is null ? "" : " [" + Fault + "]")}";
}
