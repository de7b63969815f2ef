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

    /// <summary>Deadlines in bodies: <c>any</c> takes <c>YYYY-MM-DD HH:MM:SS</c> and ISO 8601; <c>iso</c> takes only <c>YYYY-MM-DDTHH:MM:SSZ</c> (422 otherwise).</summary>
    public string DeadlineForm { get; set; } = "any";

    /// <summary>The archive marker of a one-off task: <c>archived_at</c> or <c>deleted_at</c> (Tallyfy's pages show both).</summary>
    public string OneOffArchiveMarker { get; set; } = "archived_at";

    /// <summary>Completing a task that is already completed: <c>200</c> again, or <c>422</c> (Tallyfy's docs).</summary>
    public string CompletedTaskComplete { get; set; } = "200";

    /// <summary>The <c>status</c> of an archive answer (DELETE run): <c>live</c> (what it was) or <c>archived</c>.</summary>
    public string ArchiveAnswerStatus { get; set; } = "live";

    /// <summary>
    /// The entries of <c>with=tags</c> on a run, task or template: <c>tag-with-association-id</c> (the tag, with
    /// <c>association_id</c>), <c>tag</c> (the tag itself: <c>id</c> = the tag's, no association id), <c>association</c>
    /// (<c>id</c> = the association's, <c>tag_id</c> = the tag's, <c>title</c> and <c>color</c> alongside).
    /// </summary>
    public string RunTagEntries { get; set; } = "tag-with-association-id";

    /// <summary>POST /api/oauth/token (under the base URL): <c>200</c> serves it, <c>404</c> answers endpoint not found (the root /oauth/token is served either way).</summary>
    public string OauthTokenUnderApi { get; set; } = "200";

    /// <summary>
    /// The body of a burst throttling 429 (and of <c>throttleRate</c>'s): <c>code</c> <c>{"message","code":"RATE_LIMIT_EXCEEDED"}</c>,
    /// <c>message</c> a bare <c>{"message"}</c>, <c>empty</c> no body at all. The hourly caps always carry the code.
    /// </summary>
    public string BurstBody { get; set; } = "code";

    /// <summary>Whether answers carry <c>X-RateLimit-Limit</c>/<c>X-RateLimit-Remaining</c> while burst throttling is on: <c>present</c> or <c>absent</c>.</summary>
    public string RateLimitHeaders { get; set; } = "present";

    /// <summary>
    /// Membership of both organizations: the main organization's administrator (user 1001, the admin token) belongs to the
    /// other organization too, as an administrator there: <c>GET /me/organizations</c> lists both, and the other
    /// organization's routes accept that token. Off (the default): every user belongs to one organization.
    /// </summary>
    public bool SharedMembership { get; set; }

    /// <summary>The status of a folder deletion (<c>DELETE /folders/{id}</c>): <c>200</c> (empty body) or <c>204</c>.</summary>
    public string FolderDeleteSuccess { get; set; } = "200";

    /// <summary>The status of taking a run out of a folder (<c>DELETE /folders-objects/{id}</c>): <c>200</c> (empty body) or <c>204</c>.</summary>
    public string FolderObjectDeleteSuccess { get; set; } = "200";

    /// <summary>
    /// The entries of <c>with=folders</c> on a run: <c>folder-object-id</c> (the folder with the <c>folder_object_id</c>
    /// that takes the run out of it) or <c>folder</c> (the folder alone: the id must be learnt from the add-object answer).
    /// </summary>
    public string RunFolderEntries { get; set; } = "folder-object-id";

    public string? Validate()
    {
        if (FolderDeleteSuccess is not ("200" or "204")) { return "folderDeleteSuccess must be '200' or '204'"; }
        if (FolderObjectDeleteSuccess is not ("200" or "204")) { return "folderObjectDeleteSuccess must be '200' or '204'"; }
        if (RunFolderEntries is not ("folder-object-id" or "folder")) { return "runFolderEntries must be 'folder-object-id' or 'folder'"; }
        if (DeadlineForm is not ("any" or "iso")) { return "deadlineForm must be 'any' or 'iso'"; }
        if (OneOffArchiveMarker is not ("archived_at" or "deleted_at")) { return "oneOffArchiveMarker must be 'archived_at' or 'deleted_at'"; }
        if (CompletedTaskComplete is not ("200" or "422")) { return "completedTaskComplete must be '200' or '422'"; }
        if (ArchiveAnswerStatus is not ("live" or "archived")) { return "archiveAnswerStatus must be 'live' or 'archived'"; }
        if (RunTagEntries is not ("tag-with-association-id" or "tag" or "association")) { return "runTagEntries must be 'tag-with-association-id', 'tag' or 'association'"; }
        if (OauthTokenUnderApi is not ("200" or "404")) { return "oauthTokenUnderApi must be '200' or '404'"; }
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
