using ModeScim.Client.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    public class ScimUserTests
    {
        [Fact]
        public void The_primary_email_is_the_one_marked_primary_else_the_first()
        {
            var marked = new ScimUser
            {
                Emails = new() { new ScimMultiValue { Value = "first@x" }, new ScimMultiValue { Value = "main@x", Primary = true } },
            };
            var unmarked = new ScimUser
            {
                Emails = new() { new ScimMultiValue { Value = "first@x", Primary = false }, new ScimMultiValue { Value = "b@x" } },
            };

            Assert.Equal("main@x", marked.PrimaryEmail);
            Assert.Equal("first@x", unmarked.PrimaryEmail);
            Assert.Null(new ScimUser { Emails = new() }.PrimaryEmail);
            Assert.Null(new ScimUser().PrimaryEmail);
        }
    }
}
