namespace TallyfyPS.Sandbox;

/// <summary>Open behaviours of the contract (PUT /_sandbox/switches).</summary>
public sealed class SwitchSettings
{
    public string ArchivedRunGet { get; set; } = "200";
    public string DeleteNotArchived { get; set; } = "422";
    public string PermanentDeleteSuccess { get; set; } = "200";
    public string Rearchive { get; set; } = "200";
    public string LastPageLinks { get; set; } = "empty-array";
    public string FormFieldValueKey { get; set; } = "field_value";
    public int OauthTokenLifetimeSeconds { get; set; } = 604800;
    public bool ProgressAsInt { get; set; }

    /// <summary>Thread (comment) ids: <c>string</c> writes the integer id as a JSON string ("900000001"), <c>integer</c> as a number (the contract).</summary>
    public string ThreadIdType { get; set; } = "integer";

    /// <summary>The runs list ignores <c>sort</c> (the contract: honoured unreliably) and answers in its default order.</summary>
    public bool IgnoreSort { get; set; }

    /// <summary>Activity feed entries carry <c>verb</c>, <c>actor_id</c> and <c>description</c> as one-element arrays (the service's form); false: plain values.</summary>
    public bool ActivityFieldsAsArrays { get; set; } = true;

    /// <summary>The status of a comment deletion: <c>200</c> (empty body) or <c>204</c>.</summary>
    public string CommentDeleteSuccess { get; set; } = "200";

    /// <summary>
    /// The body of a burst throttling 429 (and of <c>throttleRate</c>'s): <c>code</c> <c>{"message","code":"RATE_LIMIT_EXCEEDED"}</c>,
    /// <c>message</c> a bare <c>{"message"}</c>, <c>empty</c> no body at all. The hourly caps always carry the code.
    /// </summary>
    public string BurstBody { get; set; } = "code";

    /// <summary>Whether answers carry <c>X-RateLimit-Limit</c>/<c>X-RateLimit-Remaining</c> while burst throttling is on: <c>present</c> or <c>absent</c>.</summary>
    public string RateLimitHeaders { get; set; } = "present";

    public string? Validate()
    {
        if (BurstBody is not ("code" or "message" or "empty")) { return "burstBody must be 'code', 'message' or 'empty'"; }
        if (RateLimitHeaders is not ("present" or "absent")) { return "rateLimitHeaders must be 'present' or 'absent'"; }
        if (ArchivedRunGet is not ("200" or "404")) { return "archivedRunGet must be '200' or '404'"; }
        if (DeleteNotArchived is not ("422" or "404")) { return "deleteNotArchived must be '422' or '404'"; }
        if (PermanentDeleteSuccess is not ("200" or "204")) { return "permanentDeleteSuccess must be '200' or '204'"; }
        if (Rearchive is not ("200" or "404")) { return "rearchive must be '200' or '404'"; }
        if (LastPageLinks is not ("empty-array" or "empty-object" or "null" or "absent")) { return "lastPageLinks must be 'empty-array', 'empty-object', 'null' or 'absent'"; }
        if (FormFieldValueKey is not ("field_value" or "value")) { return "formFieldValueKey must be 'field_value' or 'value'"; }
        if (OauthTokenLifetimeSeconds < 1) { return "oauthTokenLifetimeSeconds must be >= 1"; }
        if (ThreadIdType is not ("string" or "integer")) { return "threadIdType must be 'string' or 'integer'"; }
        if (CommentDeleteSuccess is not ("200" or "204")) { return "commentDeleteSuccess must be '200' or '204'"; }
        return null;
    }
}
