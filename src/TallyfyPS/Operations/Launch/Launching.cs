using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Client;
using static TallyfyPS.Client.TallyfyApi;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>Launching runs, and finding the live runs of a template by name.</summary>
    internal sealed partial class TallyfyOperations
    {
        /// <summary>How far the service's Date header (whole seconds) may be behind its clock, plus a little.</summary>
        private static readonly TimeSpan DateSlack = TimeSpan.FromMilliseconds(1050);

        /// <summary>
        /// Launches a run (POST /runs). Tallyfy has no idempotency key, so a launch is never sent again blindly: when
        /// no answer comes (or a 5xx), the template's runs are searched by name for one created since the launch was
        /// sent that this call has not accounted for (<paramref name="ledger"/>); found, it is the launch's run; none,
        /// the launch is sent again; anything else is Unknown, with advice to look before launching it again.
        /// </summary>
        public async Task<LaunchOutcome> LaunchRunAsync(string organizationId, NewRun run, ChangeLedger ledger, RequestCounter counter)
        {
            var outcome = new LaunchOutcome { Name = run.Name };
            var body = new Dictionary<string, object?>
            {
                ["checklist_id"] = run.TemplateId,
                ["name"] = run.Name,
            };
            if (run.Summary != null) body["summary"] = run.Summary;
            if (run.OwnerId.HasValue) body["owner_id"] = run.OwnerId.Value;
            if (run.Tags != null && run.Tags.Count > 0) body["tags"] = run.Tags.ToArray();
            if (run.Prerun != null && run.Prerun.Count > 0) body["prerun"] = run.Prerun;

            string key = run.TemplateId + "\n" + run.Name.Trim();
            var clock = Stopwatch.StartNew();
            TallyfyRun? found = null;
            string? foundJson = null;
            int sentBefore = counter.Sent;
            ledger.Begin(key);
            try
            {
                using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Post, Paths.Runs(organizationId))
                {
                    JsonBody = body,
                    VerifyApplied = async c =>
                    {
                        try
                        {
                            (IReadOnlyList<TallyfyRun> runs, DateTimeOffset now, IReadOnlyDictionary<string, string> json) = await RunsNamedAsync(organizationId, run.TemplateId, run.Name, c).ConfigureAwait(false);
                            DateTimeOffset since = now - clock.Elapsed - DateSlack;
                            found = ledger.ClaimSingle(key, runs.Where(x => x.CreatedAt is null || x.CreatedAt.Value >= since), x => x.Id, out bool ambiguous);
                            foundJson = found is null ? null : json[found.Id];
                            if (ambiguous)
                            {
                                return Verification.Undecided("more than one run of that name was created meanwhile"); // never launch again on a guess
                            }

                            return Verification.Of(found != null);
                        }
                        catch (TallyfyApiException ex) when (ex.Kind != TallyfyErrorKind.NotSent)
                        {
                            return Verification.Undecided($"the search for it failed: {ex.Message.TrimEnd('.')}");
                        }
                    },
                }, counter).ConfigureAwait(false);
                outcome.MutationSent = true;
                outcome.RequestId = r.RequestId;
                if (r.AppliedByVerification && found != null)
                {
                    outcome.Status = ChangeStatus.Done;
                    outcome.HttpStatus = 201;
                    outcome.Record = found;
                    outcome.RecordJson = foundJson;
                    outcome.Message = "The connection failed before the answer came; a search by name found the run launched.";
                    return outcome;
                }

                outcome.HttpStatus = r.Status;
                if (r.IsSuccess)
                {
                    JsonElement data = r.Data();
                    TallyfyRun created = Mapper.Run(data, organizationId);
                    outcome.RecordJson = data.GetRawText();
                    ledger.Claim(created.Id);
                    outcome.Status = ChangeStatus.Done;
                    outcome.Record = created;
                    outcome.Name = created.Name;
                    return outcome;
                }

                return NotDone(outcome, r, counter, (why, cause) => Unknown(outcome, run, why, cause));
            }
            catch (TallyfyApiException ex)
            {
                outcome.MutationSent = counter.Sent > sentBefore;
                return NotDone(outcome, ex, outcome.MutationSent, counter, (why, cause) => Unknown(outcome, run, why, cause));
            }
            finally
            {
                ledger.End(key);
            }
        }

        /// <summary>The template's live runs, every page (for -SkipExisting: one listing per template and call).</summary>
        public async Task<IReadOnlyList<TallyfyRun>> LiveRunsOfTemplateAsync(string organizationId, string templateId, CallContext context)
        {
            return await Api.ListRuns(organizationId, new RunQuery { BlueprintId = templateId }).AllAsync(context).ConfigureAwait(false);
        }

        /// <summary>
        /// A launch that an earlier, interrupted call (its journal says) had sent without its answer being recorded: the
        /// template's runs of that name created since <paramref name="since"/> (this machine's clock, widened by the
        /// clock skew) that nobody has accounted for (<paramref name="ledger"/>: the runs the journal records and those of
        /// this call). Exactly one: that launch's run (Done). None: it was not applied (null: launch it). More than one,
        /// or a search that fails: Unknown, and nothing is launched on a guess.
        /// </summary>
        public async Task<LaunchOutcome?> FindInterruptedLaunchAsync(string organizationId, NewRun run, DateTimeOffset since, ChangeLedger ledger, RequestCounter counter)
        {
            var outcome = new LaunchOutcome { Name = run.Name };
            string key = run.TemplateId + "\n" + run.Name.Trim();
            ledger.Begin(key);
            try
            {
                (IReadOnlyList<TallyfyRun> runs, _, IReadOnlyDictionary<string, string> json) = await RunsNamedAsync(organizationId, run.TemplateId, run.Name, counter).ConfigureAwait(false);
                DateTimeOffset from = since - ClockSkew;
                TallyfyRun? hit = ledger.ClaimSingle(key, runs.Where(x => x.CreatedAt is null || x.CreatedAt.Value >= from), x => x.Id, out bool ambiguous);
                if (ambiguous)
                {
                    outcome.MutationSent = true;
                    return Unknown(outcome, run, "an earlier call of this journal had sent the launch, and more than one run of that name was created since");
                }

                if (hit is null)
                {
                    return null;
                }

                outcome.Status = ChangeStatus.Done;
                outcome.HttpStatus = 201;
                outcome.Record = hit;
                outcome.RecordJson = json[hit.Id];
                outcome.Name = hit.Name;
                return outcome;
            }
            catch (TallyfyApiException ex) when (ex.Kind != TallyfyErrorKind.NotSent)
            {
                outcome.MutationSent = true;
                return Unknown(outcome, run, $"an earlier call of this journal had sent the launch, and the search for it failed: {ex.Message.TrimEnd('.')}", ex);
            }
            finally
            {
                ledger.End(key);
            }
        }

        /// <summary>A run as a journal recorded it (the service's JSON, see <see cref="LaunchOutcome.RecordJson"/>).</summary>
        public static TallyfyRun RunFromJournal(string json, string organizationId)
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            return Mapper.Run(doc.RootElement, organizationId);
        }

        /// <summary>The template's runs with exactly this name, newest first (one page), and the service's clock.</summary>
        private async Task<(IReadOnlyList<TallyfyRun> Runs, DateTimeOffset Now, IReadOnlyDictionary<string, string> Json)> RunsNamedAsync(string organizationId, string templateId, string name, RequestCounter counter)
        {
            var query = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("checklist_id", templateId),
                new KeyValuePair<string, string>("q", name.Trim()),
                new KeyValuePair<string, string>("sort", "-created_at"),
                new KeyValuePair<string, string>("page", "1"),
                new KeyValuePair<string, string>("per_page", Paths.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Get, Paths.Runs(organizationId)) { Query = query }, counter).ConfigureAwait(false);
            var json = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            ApiPage<TallyfyRun> page = ApiPage<TallyfyRun>.Read(r, 1, Paths.MaxPageSize, e =>
            {
                TallyfyRun run = Mapper.Run(e, organizationId);
                json[run.Id] = e.GetRawText();
                return run;
            });
            // Without the service's Date, this machine's clock may be ahead of it: look further back (a wider window
            // can only make a search unsure, never miss the run and launch it twice).
            return (page.Items.Where(x => string.Equals(x.Name.Trim(), name.Trim(), StringComparison.Ordinal)).ToList(), r.Date ?? DateTimeOffset.UtcNow - ClockSkew, json);
        }

        private static LaunchOutcome Unknown(LaunchOutcome outcome, NewRun run, string why, TallyfyApiException? cause = null)
        {
            string message = $"No answer settled whether the run was launched ({why}). Check with Get-TallyfyRun -TemplateId {run.TemplateId} -Name '{run.Name.Replace("'", "''")}' before launching it again.";
            outcome.SetUnknown(message, cause);
            outcome.Status = ChangeStatus.Unknown;
            return outcome;
        }
    }
}
