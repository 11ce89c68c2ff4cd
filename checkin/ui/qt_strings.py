"""Qt's own words that the French translation shipped with PySide6 lacks, kept in our
catalogue so that a French desk sees no English in Qt's dialogs.

Qt 6.11 reworded some of its file dialog (a mnemonic added to "Look in:", the overwrite
question split in two) and its file types ("Folder") have no French in qtbase_fr.qm: the
desk's save-as-PDF dialog showed "Look in:", "Files of type:" and "Folder". Our translator
is installed beside Qt's and answers for any context, so these entries fill the gaps.
QT_TRANSLATE_NOOP only marks them for pyside6-lupdate (which keeps them in checkin_fr.ts);
nothing here runs at the desk.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "%1 already exists."),
    QT_TRANSLATE_NOOP("QFileDialog", "Do you want to replace it?"),
    QT_TRANSLATE_NOOP("QFileDialog", "Directory not found."),
    QT_TRANSLATE_NOOP("QFileDialog", "Please verify the correct directory name was given."),
    QT_TRANSLATE_NOOP("QFileDialog", "File not found."),
    QT_TRANSLATE_NOOP("QFileDialog", "Please verify the correct file name was given."),
    QT_TRANSLATE_NOOP("QFileDialog", "'%1' is write protected."),
    QT_TRANSLATE_NOOP("QFileDialog", "Do you want to delete it anyway?"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
)
