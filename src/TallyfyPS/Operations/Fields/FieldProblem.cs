using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>What is wrong with a form-field value, found before anything is sent.</summary>
    internal enum FieldProblemKind
    {
        /// <summary>No field of that label, alias or id (the service would drop the value without a word).</summary>
        UnknownField,
        /// <summary>Two fields share the label: the value cannot be placed.</summary>
        AmbiguousField,
        /// <summary>The value does not fit the field (an option that does not exist, a malformed date or email, a wrong column count).</summary>
        InvalidValue,
        /// <summary>An assignees field names no one the organization has (a typo of a member's email would be a new guest).</summary>
        OwnerNotFound,
        /// <summary>A required field has no value.</summary>
        MissingRequired,
    }

    /// <summary>One problem with one field of a call's values.</summary>
    internal sealed class FieldProblem
    {
        public FieldProblem(FieldProblemKind kind, string name, string message)
        {
            Kind = kind;
            Name = name;
            Message = message;
        }

        public FieldProblemKind Kind { get; }

        /// <summary>The field as the user named it (or the label of a missing one).</summary>
        public string Name { get; }

        public string Message { get; }

        public override string ToString() => Message;
    }
}
