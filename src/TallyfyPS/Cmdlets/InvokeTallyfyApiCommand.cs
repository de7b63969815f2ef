using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Sends any request of Tallyfy's API with the session's sign-in, retries, throttling and paging: what no cmdlet does
    /// yet. Paths are relative to the organization; an absolute URL only on the session's own host. The answer's data comes
    /// out as objects (the items of a list one by one; -All follows every page), or as it came with -Raw.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "TallyfyApi", HelpUri = HelpLinks.Base + "Invoke-TallyfyApi.md", DefaultParameterSetName = DataSet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject), ParameterSetName = new[] { DataSet })]
    [OutputType(typeof(TallyfyApiResponse), ParameterSetName = new[] { RawSet })]
    public sealed class InvokeTallyfyApiCommand : SessionCmdlet
    {
        private const string DataSet = "Data";
        private const string RawSet = "Raw";

        /// <summary>The HTTP method.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        /// <summary>The path under the organization (runs, runs/{id}/tasks), me..., organizations/..., oauth/..., or a URL on the session's host.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [Alias("Uri", "Url")]
        public string Path { get; set; } = string.Empty;

        /// <summary>Query parameters (a list is sent comma-separated).</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? Query { get; set; }

        /// <summary>The JSON body: a hashtable or object (converted to JSON) or JSON text.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? Body { get; set; }

        /// <summary>Follow every page of a list (GET only), writing each page's items before the next is read.</summary>
        [Parameter(ParameterSetName = DataSet)]
        public SwitchParameter All { get; set; }

        /// <summary>The answer as it came: status, headers and body text, whatever the status.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RawSet)]
        public SwitchParameter Raw { get; set; }

        /// <summary>The change may be sent again when its outcome is unknown (a dropped connection, a 5xx).</summary>
        [Parameter]
        public SwitchParameter Idempotent { get; set; }

        /// <summary>Sends without prompting (a DELETE prompts by default), also in a host that cannot prompt.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private ConfirmationPolicy? _confirm;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            bool delete = string.Equals(Method, "DELETE", StringComparison.OrdinalIgnoreCase);
            if (!string.Equals(Method, "GET", StringComparison.OrdinalIgnoreCase))
            {
                // DELETE is confirmed as high impact (Tallyfy archives or deletes what it names: the prompt defaults to No), the other changes as medium.
                _confirm = new ConfirmationPolicy(this, irreversible: delete);
                _confirm.EnsureCanPrompt($"sends {Method.ToUpperInvariant()} {Path}");
            }
        }

        protected override void ProcessRecord() => Guarded(() =>
        {
            RawCall call;
            try
            {
                call = Api.Raw(Organization, Method, Path, RawArguments.Query(Query), RawArguments.Body(Body), Idempotent.IsPresent);
                if (All && !call.IsRead)
                {
                    throw new RawPathException(Method, false, "-All pages a list, which only a GET reads.");
                }
            }
            catch (RawPathException ex)
            {
                WriteError(Errors.RawRefused(ex));
                return;
            }
            catch (ArgumentException ex)
            {
                WriteError(Errors.New(ErrorIds.InvalidJsonBody, ErrorCategory.InvalidArgument, Body, $"Invoke-TallyfyApi refused the body: {ex.Message} Nothing was sent.",
                    "Pass -Body as a hashtable, an object or JSON text."));
                return;
            }

            string described = call.ToString();
            if (_confirm != null)
            {
                var action = new BulkAction(Noun.Resource.Input, null, "Send", "Sending Tallyfy requests", irreversible: false,
                    consequence: call.MethodName == "DELETE" ? "Tallyfy archives or deletes what the path names." : null);
                if (_confirm.Confirm(described, action) != Confirmation.Proceed)
                {
                    return;
                }
            }

            TallyfyApi api = Api;
            if (Raw)
            {
                TallyfyApiResponse answer;
                try
                {
                    answer = Run(context => api.SendVerbatimAsync(call, context));
                }
                catch (TallyfyApiException ex)
                {
                    WriteError(Errors.RawFailed(ex, described, Path));
                    return;
                }

                WriteObject(answer);
                return;
            }

            if (All)
            {
                PagedWalker<object?> walker = api.RawPages(call, RawObjects.Shape, RawObjects.IdReader());
                WalkPages(walker, Noun.Resource, ulong.MaxValue, listed: "records");
                return;
            }

            IReadOnlyList<object?> items;
            try
            {
                items = Run(context => api.SendRawAsync(call, RawObjects.Shape, context));
            }
            catch (TallyfyApiException ex)
            {
                WriteError(Errors.RawFailed(ex, described, Path));
                return;
            }

            foreach (object? item in items)
            {
                WriteObject(item);
            }
        });

        protected override void EndProcessing() => Completed();
    }
}
