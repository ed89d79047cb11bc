BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 120

    function Get-Completions([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Tab completion' {
    It 'completes group display names, quoting names with spaces' {
        Connect-TestEmulator -Emulator $script:Emulator

        Get-Completions 'Get-ModeGroup -Identity Fin' | Should -Be 'Finance'
        Get-Completions 'Sync-ModeGroup -Group Data' | Should -Be "'Data Engineering'"
    }

    It 'completes userNames from the server by prefix' {
        Connect-TestEmulator -Emulator $script:Emulator
        $expected = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users | ForEach-Object userName |
            Where-Object { $_ -like 'ava*' } | Sort-Object)
        $expected.Count | Should -BeGreaterThan 1

        Get-Completions 'Disable-ModeUser -Identity ava' | Should -Be $expected
    }

    It 'asks the server once for repeated completions of the same prefix' {
        Connect-TestEmulator -Emulator $script:Emulator
        $null = Get-Completions 'Get-ModeUser -Identity chloe'
        Reset-ModeScimEmulator $script:Emulator

        $null = Get-Completions 'Get-ModeUser -Identity chloe'
        $null = Get-Completions 'Get-ModeUser -Identity chloe'

        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
    }

    It 'offers nothing and says nothing when not connected' {
        Disconnect-ModeScim
        $Error.Clear()

        Get-Completions 'Get-ModeGroup -Identity Fin' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}
