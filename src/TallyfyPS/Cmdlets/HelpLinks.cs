namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Where each cmdlet's help is published (Get-Help -Online): its page in the repository, the ProjectUri of
    /// TallyfyPS.psd1 followed by /blob/main/docs/en-US/&lt;Cmdlet&gt;.md. A test keeps every cmdlet's HelpUri and page equal.
    /// </summary>
    internal static class HelpLinks
    {
        public const string Base = "https://github.com/tallyfyps/TallyfyPS/blob/main/docs/en-US/";
    }
}
