using System;

namespace ModeScim.Emulator
{
    /// <summary>A request the emulator refuses, as RFC 7644 section 3.12 describes it.</summary>
    internal sealed class ScimError : Exception
    {
        public ScimError(int status, string? scimType, string detail)
            : base(detail)
        {
            Status = status;
            ScimType = scimType;
        }

        public int Status { get; }

        public string? ScimType { get; }

        public static ScimError InvalidFilter(string detail) => new ScimError(400, "invalidFilter", detail);

        public static ScimError InvalidValue(string detail) => new ScimError(400, "invalidValue", detail);

        public static ScimError InvalidSyntax(string detail) => new ScimError(400, "invalidSyntax", detail);

        public static ScimError InvalidPath(string detail) => new ScimError(400, "invalidPath", detail);

        public static ScimError NoTarget(string detail) => new ScimError(400, "noTarget", detail);

        public static ScimError Mutability(string detail) => new ScimError(400, "mutability", detail);

        public static ScimError Uniqueness(string detail) => new ScimError(409, "uniqueness", detail);

        public static ScimError NotFound(string detail) => new ScimError(404, null, detail);
    }
}
