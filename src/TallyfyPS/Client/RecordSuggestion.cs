namespace TallyfyPS.Client
{
    /// <summary>A record offered by tab completion.</summary>
    internal sealed class RecordSuggestion
    {
        public RecordSuggestion(string id, string name, string? status)
        {
            Id = id;
            Name = name;
            Status = status;
        }

        public string Id { get; }
        public string Name { get; }
        public string? Status { get; }
    }
}
