using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>Editing a comment's text and label (the whole change is sent, so it may be sent again).</summary>
    internal sealed partial class TallyfyOperations
    {
        /// <param name="content">The new text, or null to keep it.</param>
        /// <param name="label">The new label, or null to keep it.</param>
        public async Task<CommentEditOutcome> EditCommentAsync(string organizationId, string taskId, string commentId, string? runId, string? content, string? label, RequestCounter counter)
        {
            var outcome = new CommentEditOutcome();
            var body = new Dictionary<string, object?>();
            if (content != null)
            {
                body["content"] = content;
            }

            if (label != null)
            {
                body["label"] = label;
            }

            var request = new ApiRequest(HttpMethod.Put, Paths.TaskComment(organizationId, taskId, commentId)) { JsonBody = body, Repeatable = true };
            return await Http.SendChangeAsync(outcome, request, counter, r =>
            {
                if (!r.IsSuccess)
                {
                    return false;
                }

                if (r.Body != null)
                {
                    TallyfyComment comment = Mapper.Comment(r.Data(), taskId);
                    comment.RunId = runId;
                    comment.OrganizationId = organizationId;
                    outcome.Record = comment;
                    outcome.Name = comment.Content;
                }

                outcome.Status = ChangeStatus.Done;
                return true;
            }).ConfigureAwait(false);
        }
    }
}
