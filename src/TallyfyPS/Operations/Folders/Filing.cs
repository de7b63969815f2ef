using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Putting runs in folders and taking them out. A run's place in a folder is a folder-object with its own id: the
    /// answer of putting the run there carries it, and a run read with its folders may or may not [assumed]. Where the
    /// read does not, the id is learnt as untagging learns an association's: putting a run that is in the folder there
    /// again changes nothing and answers with the folder-object that exists.
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <summary>Puts a run in a folder of runs. One whose answer was lost is settled by reading the run's folders.</summary>
        public async Task<RunFolderOutcome> FileRunAsync(string organizationId, string runId, TallyfyFolder folder, RequestCounter counter)
        {
            var outcome = new RunFolderOutcome();
            try
            {
                TallyfyFolder? seen = null;
                using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Post, Paths.FolderObjects(organizationId))
                {
                    JsonBody = Subject(runId, folder),
                    VerifyApplied = async c =>
                    {
                        seen = await InFolderAsync(organizationId, runId, folder, c).ConfigureAwait(false);
                        return Verification.Of(seen != null);
                    },
                }, counter).ConfigureAwait(false);
                outcome.RequestId = r.RequestId;
                outcome.HttpStatus = r.AppliedByVerification ? 200 : r.Status;
                if (r.AppliedByVerification)
                {
                    outcome.Status = TallyfyRunFolderStatus.Added;
                    outcome.FolderObjectId = seen?.FolderObjectId;
                    outcome.Message = "The connection failed before the answer came; a read showed the run in the folder.";
                    return outcome;
                }

                if (!r.IsSuccess)
                {
                    outcome.Fail(r.ToException(), counter.Sent);
                    return outcome;
                }

                outcome.Status = TallyfyRunFolderStatus.Added;
                outcome.FolderObjectId = r.Body is null ? null : Mapper.AssociationId(r.Data());
                return outcome;
            }
            catch (TallyfyApiException ex)
            {
                outcome.Fail(ex, counter.Sent);
                return outcome;
            }
        }

        /// <summary>
        /// Takes a run that a read showed in the folder out of it, by its folder-object (learnt from a repeated add where the
        /// read did not give it). A 404 means it is gone already: a read of the run then says whether it is out (NotInFolder).
        /// </summary>
        public async Task<RunFolderOutcome> UnfileRunAsync(string organizationId, string runId, TallyfyFolder folder, string? folderObjectId, RequestCounter counter)
        {
            var outcome = new RunFolderOutcome { FolderObjectId = folderObjectId };
            try
            {
                if (string.IsNullOrEmpty(folderObjectId))
                {
                    using ApiResponse filed = await Http.SendAsync(new ApiRequest(HttpMethod.Post, Paths.FolderObjects(organizationId))
                    {
                        JsonBody = Subject(runId, folder),
                        Repeatable = true, // the run is in the folder: adding it again changes nothing
                    }, counter).ConfigureAwait(false);
                    outcome.RequestId = filed.RequestId;
                    outcome.HttpStatus = filed.Status;
                    if (!filed.IsSuccess || filed.Body is null)
                    {
                        outcome.Fail(filed.IsSuccess ? new TallyfyApiException(TallyfyErrorKind.InvalidResponse, "The add-object answer has no body.", filed.Status) : filed.ToException(), counter.Sent);
                        return outcome;
                    }

                    folderObjectId = Mapper.AssociationId(filed.Data());
                    outcome.FolderObjectId = folderObjectId;
                }

                using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Delete, Paths.FolderObject(organizationId, folderObjectId!))
                {
                    VerifyApplied = async c => Verification.Of(await InFolderAsync(organizationId, runId, folder, c).ConfigureAwait(false) is null),
                }, counter).ConfigureAwait(false);
                outcome.RequestId = r.RequestId;
                outcome.HttpStatus = r.AppliedByVerification ? 200 : r.Status;
                if (r.IsSuccess)
                {
                    outcome.Status = TallyfyRunFolderStatus.Removed;
                    if (r.AppliedByVerification)
                    {
                        outcome.Message = "The connection failed before the answer came; a read showed the run out of the folder.";
                    }

                    return outcome;
                }

                if (r.Status == 404 && await InFolderAsync(organizationId, runId, folder, counter).ConfigureAwait(false) is null)
                {
                    outcome.Status = TallyfyRunFolderStatus.NotInFolder;
                    outcome.Message = "The run had already been taken out of the folder.";
                    return outcome;
                }

                outcome.Fail(r.ToException(), counter.Sent);
                return outcome;
            }
            catch (TallyfyApiException ex)
            {
                outcome.Fail(ex, counter.Sent);
                return outcome;
            }
        }

        /// <summary>The folder among the run's folders (read with them), or null.</summary>
        private async Task<TallyfyFolder?> InFolderAsync(string organizationId, string runId, TallyfyFolder folder, RequestCounter counter)
        {
            TallyfyRun run = await Api.GetRunAsync(organizationId, runId, RunInclude.Folders, counter).ConfigureAwait(false);
            return run.Folders.FirstOrDefault(f => string.Equals(f.Id, folder.Id, StringComparison.OrdinalIgnoreCase));
        }

        private static Dictionary<string, object?> Subject(string runId, TallyfyFolder folder) =>
            new Dictionary<string, object?> { ["folder_id"] = folder.Id, ["subject_id"] = runId, ["subject_type"] = "Run" };
    }
}
