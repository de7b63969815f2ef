namespace TallyfyPS.Model
{
    /// <summary>What Complete-TallyfyTask or Undo-TallyfyTaskCompletion did to one task.</summary>
    public enum TallyfyTaskAction
    {
        Complete,
        Approve,
        Reject,
        Reopen,
    }
}
