# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'portfolio_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QSizePolicy, QTableView, QVBoxLayout,
    QWidget)

class Ui_PortfolioWindow(object):
    def setupUi(self, PortfolioWindow):
        if not PortfolioWindow.objectName():
            PortfolioWindow.setObjectName(u"PortfolioWindow")
        PortfolioWindow.resize(980, 600)
        self.windowLayout = QVBoxLayout(PortfolioWindow)
        self.windowLayout.setObjectName(u"windowLayout")
        self.toolbar = QHBoxLayout()
        self.toolbar.setObjectName(u"toolbar")
        self.filterLabel = QLabel(PortfolioWindow)
        self.filterLabel.setObjectName(u"filterLabel")

        self.toolbar.addWidget(self.filterLabel)

        self.filter = QLineEdit(PortfolioWindow)
        self.filter.setObjectName(u"filter")
        self.filter.setClearButtonEnabled(True)

        self.toolbar.addWidget(self.filter)

        self.exportButton = QPushButton(PortfolioWindow)
        self.exportButton.setObjectName(u"exportButton")

        self.toolbar.addWidget(self.exportButton)


        self.windowLayout.addLayout(self.toolbar)

        self.view = QTableView(PortfolioWindow)
        self.view.setObjectName(u"view")
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setTabKeyNavigation(False)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setStretchLastSection(True)

        self.windowLayout.addWidget(self.view)

        self.detail = QLabel(PortfolioWindow)
        self.detail.setObjectName(u"detail")
        self.detail.setTextFormat(Qt.PlainText)
        self.detail.setWordWrap(True)

        self.windowLayout.addWidget(self.detail)

        self.formsLabel = QLabel(PortfolioWindow)
        self.formsLabel.setObjectName(u"formsLabel")

        self.windowLayout.addWidget(self.formsLabel)

        self.forms = QListWidget(PortfolioWindow)
        self.forms.setObjectName(u"forms")
        self.forms.setMaximumSize(QSize(16777215, 96))

        self.windowLayout.addWidget(self.forms)

        self.status = QLabel(PortfolioWindow)
        self.status.setObjectName(u"status")
        self.status.setTextFormat(Qt.PlainText)

        self.windowLayout.addWidget(self.status)

#if QT_CONFIG(shortcut)
        self.filterLabel.setBuddy(self.filter)
        self.formsLabel.setBuddy(self.forms)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.filter, self.exportButton)
        QWidget.setTabOrder(self.exportButton, self.view)
        QWidget.setTabOrder(self.view, self.forms)

        self.retranslateUi(PortfolioWindow)

        QMetaObject.connectSlotsByName(PortfolioWindow)
    # setupUi

    def retranslateUi(self, PortfolioWindow):
        PortfolioWindow.setWindowTitle(QCoreApplication.translate("PortfolioWindow", u"Portfolio \u2014 Sustainability Planner", None))
        self.filterLabel.setText(QCoreApplication.translate("PortfolioWindow", u"&Filter", None))
#if QT_CONFIG(accessibility)
        self.filter.setAccessibleName(QCoreApplication.translate("PortfolioWindow", u"Filter consortia", None))
#endif // QT_CONFIG(accessibility)
        self.filter.setPlaceholderText(QCoreApplication.translate("PortfolioWindow", u"Any column, e.g. a name or 'At risk'", None))
        self.exportButton.setText(QCoreApplication.translate("PortfolioWindow", u"&Export CSV\u2026", None))
#if QT_CONFIG(accessibility)
        self.exportButton.setAccessibleName(QCoreApplication.translate("PortfolioWindow", u"Export the portfolio as CSV", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.view.setAccessibleName(QCoreApplication.translate("PortfolioWindow", u"Consortia", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.detail.setAccessibleName(QCoreApplication.translate("PortfolioWindow", u"About the selected file", None))
#endif // QT_CONFIG(accessibility)
        self.formsLabel.setText(QCoreApplication.translate("PortfolioWindow", u"Team members' &forms and conflict copies in this folder (not counted as consortia)", None))
#if QT_CONFIG(accessibility)
        self.forms.setAccessibleName(QCoreApplication.translate("PortfolioWindow", u"Team members' forms", None))
#endif // QT_CONFIG(accessibility)
        self.status.setText(QCoreApplication.translate("PortfolioWindow", u"Reading\u2026", None))
#if QT_CONFIG(accessibility)
        self.status.setAccessibleName(QCoreApplication.translate("PortfolioWindow", u"Portfolio status", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

