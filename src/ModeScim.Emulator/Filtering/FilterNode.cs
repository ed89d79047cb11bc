using System.Text.Json.Nodes;

namespace ModeScim.Emulator.Filtering
{
    /// <summary>A parsed filter. Evaluated against one resource (or one element of a multi-valued attribute).</summary>
    internal abstract record FilterNode
    {
        public abstract bool Matches(JsonObject resource);
    }

    internal sealed record AndNode(FilterNode Left, FilterNode Right) : FilterNode
    {
        public override bool Matches(JsonObject resource) => Left.Matches(resource) && Right.Matches(resource);
    }

    internal sealed record OrNode(FilterNode Left, FilterNode Right) : FilterNode
    {
        public override bool Matches(JsonObject resource) => Left.Matches(resource) || Right.Matches(resource);
    }

    internal sealed record NotNode(FilterNode Inner) : FilterNode
    {
        public override bool Matches(JsonObject resource) => !Inner.Matches(resource);
    }

    /// <summary><c>emails[type eq "work"]</c>: true when any element of the attribute matches the inner filter.</summary>
    internal sealed record ValuePathNode(AttributePath Attribute, FilterNode Inner) : FilterNode
    {
        public override bool Matches(JsonObject resource)
        {
            foreach (var element in Attribute.Elements(resource))
            {
                if (element is JsonObject obj && Inner.Matches(obj))
                {
                    return true;
                }
            }
            return false;
        }
    }

    internal sealed record ComparisonNode(AttributePath Attribute, string Operator, JsonValue? Value) : FilterNode
    {
        public override bool Matches(JsonObject resource)
        {
            var values = Attribute.Values(resource);
            if (Operator == "pr")
            {
                return values.Exists(FilterComparer.IsPresent);
            }
            if (Value == null && Operator == "eq")
            {
                return !values.Exists(FilterComparer.IsPresent);
            }
            if (Value == null && Operator == "ne")
            {
                return values.Exists(FilterComparer.IsPresent);
            }
            if (Operator == "ne")
            {
                return !values.Exists(v => FilterComparer.Compare(v, "eq", Value, Attribute.IsCaseExact));
            }
            return values.Exists(v => FilterComparer.Compare(v, Operator, Value, Attribute.IsCaseExact));
        }
    }
}
