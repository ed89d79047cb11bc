# The error ids a user meets when the server refuses, throttles, hangs up or caps a request, each reached
# through a cmdlet, against an emulator set up to behave that way.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Started = New-Object System.Collections.Generic.List[object]
    function Start-Server([string[]] $Switches, [switch] $ReadOnly) {
        $extra = @($Switches)
        if ($ReadOnly) { $extra += @('--read-only-token', 'read-only-token-value') }
        $emulator = Start-TestEmulator -ExtraArguments $extra
        $script:Started.Add($emulator)
        $emulator
    }
    function Connect-Server($Emulator, [string] $Token = $Emulator.Token) {
        Connect-ModeScim -BaseUri $Emulator.BaseUri -Token (ConvertTo-TestSecureString $Token) -MaxRetries 2
    }
    function New-Members($Emulator, [int] $Count) {
        1..$Count | ForEach-Object { (New-EmulatorUser -Emulator $Emulator -UserName "member$_@example.com").id }
    }
}

Describe 'Error ids a user meets' {
    # Each test's server is stopped when it ends: a run never keeps more than one of them.
    AfterEach {
        Disconnect-ModeScim -ErrorAction SilentlyContinue
        foreach ($emulator in $script:Started) { Stop-ModeScimEmulator $emulator }
        $script:Started.Clear()
    }

    It 'ends a change with ModeScim.Forbidden when the token may only read, and the user stays as they were' {
        $server = Start-Server -ReadOnly
        $ada = New-EmulatorUser -Emulator $server -UserName 'ada@example.com'
        Connect-Server $server 'read-only-token-value'
        (Get-ModeUser 'ada@example.com').Id | Should -Be $ada.id

        { Set-ModeUser 'ada@example.com' -DisplayName 'Ada' } |
            Should -Throw -ErrorId 'ModeScim.Forbidden,ModeScim.PowerShell.Commands.SetModeUserCommand'
        (Get-EmulatorUser -Emulator $server -Id $ada.id).displayName | Should -BeNullOrEmpty
    }

    It 'reports ModeScim.Throttled when the server still answers 429 after the retries' {
        $server = Start-Server @('--rate-429', '1', '--retry-after', '0', '--fault-methods', 'PATCH')
        $null = New-EmulatorUser -Emulator $server -UserName 'ada@example.com'
        Connect-Server $server

        $errors = Get-ErrorRecords { Set-ModeUser 'ada@example.com' -DisplayName 'Ada' }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.Throttled,ModeScim.PowerShell.Commands.SetModeUserCommand'
        (Get-ModeScimEmulatorStats $server).PATCH | Should -Be 3 -Because 'one attempt and two retries'
    }

    It 'reports ModeScim.OutcomeUnknown when a change that is not safe to repeat loses its answer' {
        $server = Start-Server @('--rate-drop-after', '1', '--fault-methods', 'PATCH')
        # No email yet: setting one adds it, which sent twice would add it twice, so it is not repeated.
        $user = Invoke-EmulatorScim -Emulator $server -Method Post -Path 'Users' -Body @{
            schemas = @('urn:ietf:params:scim:schemas:core:2.0:User'); userName = 'noemail' }
        Connect-Server $server

        $errors = Get-ErrorRecords { Set-ModeUser 'noemail' -Email 'ada@example.com' }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.OutcomeUnknown,ModeScim.PowerShell.Commands.SetModeUserCommand'
        (Get-ModeScimEmulatorStats $server).PATCH | Should -Be 1 -Because 'it was not sent again'
        (Get-EmulatorUser -Emulator $server -Id $user.id).emails[0].value | Should -Be 'ada@example.com' -Because 'it was applied'
    }

    It 'halves a batch the server refuses as <Answer> until it fits, and adds everyone' -TestCases @(
        @{ Answer = '413'; Switch = '413' }, @{ Answer = '400 tooMany'; Switch = 'toomany' }
    ) {
        $server = Start-Server @('--max-member-changes', '8', '--too-large', $Switch)
        $null = New-Members $server 30
        Connect-Server $server

        $result = Sync-ModeGroup -Group 'Capped' -Member (1..30 | ForEach-Object { "member$_@example.com" }) -CreateIfMissing

        $result.Failed.Count | Should -Be 0
        $result.Added.Count | Should -Be 30
        $group = @((Invoke-EmulatorScim -Emulator $server -Method Get -Path 'Groups').Resources)[0]
        @($group.members).Count | Should -Be 30
        # 30 -> 15 -> 8 and 7: one refused batch of 30, two refused of 15, four accepted.
        (Get-ModeScimEmulatorStats $server).routes.'PATCH Groups/{id}' | Should -Be 7
    }

    It 'never sends more member changes in one request than bulk.maxOperations says' {
        $server = Start-Server @('--bulk-max-operations', '10', '--max-member-changes', '10')
        $null = New-Members $server 30
        Connect-Server $server
        (Get-ModeScimConnection).MaxOperationsPerRequest | Should -Be 10

        $result = Sync-ModeGroup -Group 'Capped' -Member (1..30 | ForEach-Object { "member$_@example.com" }) -CreateIfMissing

        $result.Added.Count | Should -Be 30
        (Get-ModeScimEmulatorStats $server).routes.'PATCH Groups/{id}' | Should -Be 3 -Because 'none refused, none halved'
    }
}
