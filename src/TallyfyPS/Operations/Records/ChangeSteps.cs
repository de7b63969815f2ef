using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// The changes record operations announce just before they send them (to a journal): what a call that was
    /// interrupted had sent for an item, so a rerun can tell "it is gone" from "it never was".
    /// </summary>
    internal static class ChangeSteps
    {
        /// <summary>The archive request is about to be sent.</summary>
        public const string Archiving = "archiving";

        /// <summary>The permanent deletion is about to be sent; the record was seen to exist.</summary>
        public const string Deleting = "deleting";

        /// <summary>The restore request is about to be sent.</summary>
        public const string Restoring = "restoring";

        /// <summary>A launch (POST /runs) is about to be sent: a rerun searches for the run instead of launching blindly.</summary>
        public const string Launching = "launching";

        /// <summary>A completion (approval, rejection) is about to be sent.</summary>
        public const string Completing = "completing";

        /// <summary>A reopening is about to be sent.</summary>
        public const string Reopening = "reopening";

        /// <summary>A comment, problem report or resolve is about to be posted: a rerun looks for it instead of posting blindly.</summary>
        public const string Commenting = "commenting";
    }
}
