from statementkit.cli import main

main()
