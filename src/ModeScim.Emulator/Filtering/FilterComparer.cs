using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModeScim.Emulator.Filtering
{
    /// <summary>The comparison operators of RFC 7644 section 3.4.2.2 on JSON values.</summary>
    internal static class FilterComparer
    {
        public static bool IsPresent(JsonNode node)
        {
            return node switch
            {
                JsonArray array => array.Count > 0,
                JsonObject => true,
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>().Length > 0,
                JsonValue value => value.GetValueKind() != JsonValueKind.Null,
                _ => false,
            };
        }

        public static bool Compare(JsonNode actual, string op, JsonValue? expected, bool caseExact)
        {
            if (expected == null || actual is not JsonValue actualValue)
            {
                return false;
            }
            var expectedKind = expected.GetValueKind();
            var actualKind = actualValue.GetValueKind();
            if (expectedKind == JsonValueKind.True || expectedKind == JsonValueKind.False)
            {
                if (op != "eq")
                {
                    throw ScimError.InvalidFilter("Only eq and ne apply to booleans.");
                }
                return (actualKind == JsonValueKind.True || actualKind == JsonValueKind.False)
                    && actualValue.GetValue<bool>() == expected.GetValue<bool>();
            }
            if (expectedKind == JsonValueKind.Number)
            {
                return actualKind == JsonValueKind.Number
                    && Order(op, actualValue.GetValue<double>().CompareTo(expected.GetValue<double>()));
            }
            if (expectedKind != JsonValueKind.String || actualKind != JsonValueKind.String)
            {
                return false;
            }
            var left = actualValue.GetValue<string>();
            var right = expected.GetValue<string>();
            var comparison = caseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            switch (op)
            {
                case "eq":
                    return string.Equals(left, right, comparison);
                case "co":
                    return left.Contains(right, comparison);
                case "sw":
                    return left.StartsWith(right, comparison);
                case "ew":
                    return left.EndsWith(right, comparison);
                default:
                    // Timestamps order by instant, not by text, whatever their offset.
                    if (DateTimeOffset.TryParse(left, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var leftTime)
                        && DateTimeOffset.TryParse(right, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var rightTime))
                    {
                        return Order(op, leftTime.CompareTo(rightTime));
                    }
                    return Order(op, string.Compare(left, right, comparison));
            }
        }

        private static bool Order(string op, int sign)
        {
            return op switch
            {
                "eq" => sign == 0,
                "gt" => sign > 0,
                "ge" => sign >= 0,
                "lt" => sign < 0,
                "le" => sign <= 0,
                _ => throw ScimError.InvalidFilter("'" + op + "' does not order values."),
            };
        }
    }
}
