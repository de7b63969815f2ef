namespace TallyfyPS.Model
{
    /// <summary>What came of one input of New-TallyfyTask or New-TallyfyTag.</summary>
    public enum TallyfyCreationStatus
    {
        /// <summary>The record was created.</summary>
        Created,
        /// <summary>Refused before anything was sent (its error was written): a title with control characters, a tag title that exists already, a bad color.</summary>
        Refused,
        /// <summary>The request was sent and failed (its error was written).</summary>
        Failed,
        /// <summary>
        /// Not created because Tallyfy's rate limit asked for a longer wait than -MaxWaitSec (an hourly cap, such as 30
        /// guest invites an hour): refused with 429 or not sent; one RateLimited error for the call says when to run it again.
        /// </summary>
        NotAttempted,
    }
}
