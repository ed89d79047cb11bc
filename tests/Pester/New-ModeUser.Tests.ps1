BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    Connect-TestEmulator -Emulator $script:Emulator
    $script:Csv = Join-Path ([System.IO.Path]::GetTempPath()) ('hires-' + [guid]::NewGuid().ToString('N') + '.csv')
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
    Remove-Item $script:Csv -ErrorAction SilentlyContinue
}

Describe 'New-ModeUser' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
    }

    It 'creates a user from parameters and returns it' {
        $user = New-ModeUser -UserName 'ada@example.com' -GivenName 'Ada' -FamilyName 'Lovelace' -ExternalId 'E1'

        $user | Should -BeOfType 'ModeScim.PowerShell.Models.ModeUser'
        $onServer = Get-EmulatorUser -Emulator $script:Emulator -Id $user.Id
        $onServer.userName | Should -Be 'ada@example.com'
        $onServer.name.givenName | Should -Be 'Ada'
        $onServer.displayName | Should -Be 'Ada Lovelace'
        $onServer.emails[0].value | Should -Be 'ada@example.com'
        $onServer.externalId | Should -Be 'E1'
        $onServer.active | Should -BeTrue
    }

    It 'creates users from Import-Csv rows with the column names HR exports use' {
        @'
UserName,Mail,FirstName,LastName,EmployeeId
grace@example.com,grace.hopper@example.com,Grace,Hopper,E100
alan@example.com,alan.turing@example.com,Alan,Turing,E101
'@ | Set-Content -LiteralPath $script:Csv

        $created = @(Import-Csv -LiteralPath $script:Csv | New-ModeUser)

        $created.Count | Should -Be 2
        $created[0].Email | Should -Be 'grace.hopper@example.com'
        $created[1].FamilyName | Should -Be 'Turing'
        $created[1].ExternalId | Should -Be 'E101'
        (Get-ModeScimEmulatorStats $script:Emulator).POST | Should -Be 2
    }

    It 'creates an inactive account with -Inactive' {
        (New-ModeUser -UserName 'later@example.com' -Inactive).Active | Should -BeFalse
    }

    It 'refuses <Case> with ModeScim.InvalidInput before any request, and goes on with the next row' -TestCases @(
        @{ Case = 'an empty userName and no email'; Row = @{ UserName = ''; FirstName = 'X' } }
        @{ Case = 'a blank userName and a blank email'; Row = @{ UserName = '   '; Email = ' '; FirstName = 'X' } }
        @{ Case = 'neither a userName nor an email column'; Row = @{ FirstName = 'X'; LastName = 'Y' } }
        @{ Case = 'a malformed email'; Row = @{ UserName = 'x'; Email = 'not-an-email' } }
        @{ Case = 'a userName that is no email and no email'; Row = @{ UserName = 'plainname' } }
        @{ Case = 'a control character'; Row = @{ UserName = "x`t@example.com" } }
        @{ Case = 'an over-long value'; Row = @{ UserName = 'x@example.com'; DisplayName = ('d' * 300) } }
    ) {
        param($Case, $Row)
        Reset-ModeScimEmulator $script:Emulator
        $good = [pscustomobject]@{ UserName = 'good@example.com' }

        $created = @()
        $errors = Get-ErrorRecords { $script:created = @([pscustomobject]$Row, $good | New-ModeUser) }

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.NewModeUserCommand'
        $script:created.UserName | Should -Be 'good@example.com'
        (Get-ModeScimEmulatorStats $script:Emulator).POST | Should -Be 1
    }

    It 'names the offending value in the error' {
        $errors = Get-ErrorRecords { New-ModeUser -UserName 'x@example.com' -Email 'nope' }
        $errors[0].Exception.Message | Should -BeLike "*'nope'*"
    }

    It 'reports a taken userName as ModeScim.UserAlreadyExists, naming the user that holds it' {
        $holder = New-EmulatorUser -Emulator $script:Emulator -UserName 'Taken@Example.com'

        $errors = Get-ErrorRecords { New-ModeUser -UserName 'taken@example.com' }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserAlreadyExists,ModeScim.PowerShell.Commands.NewModeUserCommand'
        $errors.CategoryInfo.Category | Should -Be 'ResourceExists'
        $errors.Exception.Message | Should -BeLike "*Taken@Example.com*$($holder.id)*"
    }

    It 'sends nothing with -WhatIf' {
        Reset-ModeScimEmulator $script:Emulator
        $journal = New-TestJournalPath
        New-ModeUser -UserName 'ada@example.com' -WhatIf -JournalPath $journal
        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
        $journal | Should -Not -Exist
    }

    It 'journals each create with the attributes given, read back with Get-ModeScimJournal -Action Create' {
        $journal = New-TestJournalPath
        try {
            $user = New-ModeUser -UserName 'ada@example.com' -GivenName 'Ada' -FamilyName 'Lovelace' -ExternalId 'E1' -JournalPath $journal

            $record = @(Get-ModeScimJournal -Path $journal -Action Create)
            $record.Count | Should -Be 1
            $record[0].UserName | Should -Be 'ada@example.com'
            # Written before the POST, so before the server gave the id.
            $record[0].UserId | Should -BeNullOrEmpty
            $user.Id | Should -Not -BeNullOrEmpty
            @($record[0].Changes.Attribute) | Should -Be @('userName', 'email', 'givenName', 'familyName', 'displayName', 'externalId', 'active')
            ($record[0].Changes | Where-Object Attribute -EQ 'displayName').New | Should -Be 'Ada Lovelace'
            @($record[0].Changes | Where-Object { $null -ne $_.Old }).Count | Should -Be 0
            $record[0].Changes.ToString() | Should -BeLike '*givenName: Ada;*'
        }
        finally {
            Remove-Item $journal -ErrorAction SilentlyContinue
        }
    }

    It 'creates nothing when the journal cannot be written, and says so with ModeScim.JournalWriteFailed' {
        $blocker = New-TestJournalPath
        Set-Content -LiteralPath $blocker -Value 'a file, not a folder'
        try {
            Reset-ModeScimEmulator $script:Emulator
            $errors = Get-ErrorRecords { New-ModeUser -UserName 'ada@example.com' -JournalPath (Join-Path $blocker 'journal.jsonl') }

            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.JournalWriteFailed,ModeScim.PowerShell.Commands.NewModeUserCommand'
            (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        }
        finally {
            Remove-Item $blocker -ErrorAction SilentlyContinue
        }
    }
}
