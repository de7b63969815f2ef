namespace TallyfyPS.Operations
{
    /// <summary>What moving the assignments of one record did: one write for all of them.</summary>
    internal sealed class HandoverOutcome : ChangeOutcome<RecordMove>
    {
        protected override string DoneText => "Moved";

        /// <summary>The outcome of another change of the same record (a task or run update), as this one.</summary>
        public static HandoverOutcome From<T>(ChangeOutcome<T> change, RecordMove move)
            where T : class => new HandoverOutcome
        {
            Status = change.Status,
            Record = move,
            Name = change.Name ?? move.Name,
            HttpStatus = change.HttpStatus,
            Message = change.Message,
            RequestId = change.RequestId,
            MutationSent = change.MutationSent,
            Error = change.Error,
        };
    }
}
