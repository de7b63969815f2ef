namespace TallyfyPS.Model
{
    /// <summary>
    /// A form field as a template defines it: a kick-off field (the API's prerun) or a field of a step (a capture).
    /// Values are given by its <see cref="Label"/>, <see cref="Alias"/> or <see cref="Id"/>.
    /// </summary>
    public sealed class TallyfyFieldDefinition
    {
        /// <summary>The field's timeline id: the key the API takes its value by.</summary>
        public string Id { get; set; } = string.Empty;
        public string? Alias { get; set; }
        public string Label { get; set; } = string.Empty;
        /// <summary>text, textarea, radio, dropdown, multiselect, date, email, file, table, assignees_form.</summary>
        public string Type { get; set; } = "text";
        public bool Required { get; set; }
        public int? Position { get; set; }
        public string? Guidance { get; set; }
        /// <summary>The choices of a radio, dropdown or multiselect field.</summary>
        public TallyfyList<TallyfyFieldOption> Options { get; set; } = TallyfyList<TallyfyFieldOption>.Empty;
        /// <summary>The columns of a table field, in order.</summary>
        public TallyfyList<TallyfyTableColumn> Columns { get; set; } = TallyfyList<TallyfyTableColumn>.Empty;

        public override string ToString() => Label;
    }
}
