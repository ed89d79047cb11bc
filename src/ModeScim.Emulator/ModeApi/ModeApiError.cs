using System;

namespace ModeScim.Emulator.ModeApi
{
    /// <summary>A refusal in the shape Mode's REST API uses: <c>{"id": "not_found", "message": "..."}</c>.</summary>
    internal sealed class ModeApiError : Exception
    {
        public ModeApiError(int status, string id, string message)
            : base(message)
        {
            Status = status;
            Id = id;
        }

        public int Status { get; }

        public string Id { get; }

        public static ModeApiError NotFound(string what) => new(404, "not_found", what + " was not found.");

        public static ModeApiError BadRequest(string message) => new(400, "bad_request", message);
    }
}
