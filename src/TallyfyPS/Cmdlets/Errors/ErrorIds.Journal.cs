namespace TallyfyPS.Cmdlets
{
    public static partial class ErrorIds
    {
        // Journals (-Journal, Get-TallyfyJournal)
        public const string JournalMismatch = "JournalMismatch";
        public const string JournalInUse = "JournalInUse";
        public const string JournalUnreadable = "JournalUnreadable";
        public const string JournalNotWritable = "JournalNotWritable";
    }
}
